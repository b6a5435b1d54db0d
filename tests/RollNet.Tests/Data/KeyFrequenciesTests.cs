using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class KeyFrequenciesTests
{
    private static readonly PianoRoll[] Rolls = [PianoRoll.FromPitches([[60, 64], [60], []]), PianoRoll.FromPitches([[21], [108, 60]])];

    [Fact]
    public void EachKeyCountsTheFramesItSoundsIn()
    {
        (long[] counts, long frames) = KeyFrequencies.Of(Rolls);

        Assert.Equal(5, frames);
        Assert.Equal(3, counts[60 - PianoRoll.LowestPitch]);
        Assert.Equal(1, counts[64 - PianoRoll.LowestPitch]);
        Assert.Equal(1, counts[0]);
        Assert.Equal(1, counts[^1]);
        Assert.Equal(6, counts.Sum());
    }

    [Fact]
    public void ProbabilitiesAddOneFrameWithAndOneWithoutEachKey()
    {
        double[] p = KeyFrequencies.Of(Rolls).Probabilities();

        Assert.Equal(PianoRoll.Keys, p.Length);
        Assert.Equal(4.0 / 7, p[60 - PianoRoll.LowestPitch], 12);
        Assert.Equal(2.0 / 7, p[64 - PianoRoll.LowestPitch], 12);
        Assert.Equal(1.0 / 7, p[61 - PianoRoll.LowestPitch], 12);
        Assert.Equal(0.5, KeyFrequencies.Of([]).Probabilities()[0]);
        Assert.All(KeyFrequencies.Of([PianoRoll.FromPitches([[60]])]).Probabilities(), q => Assert.InRange(q, 1e-9, 1 - 1e-9));
    }
}
