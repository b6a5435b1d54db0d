using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Rendering;

public sealed class KeyHistogramPlotTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void EachKeyCountsTheFramesItSoundsIn()
    {
        PianoRoll[] rolls = [PianoRoll.FromPitches([[60, 64], [60], []]), PianoRoll.FromPitches([[21], [108, 60]])];

        (long[] counts, long frames) = KeyHistogramPlot.Count(rolls);

        Assert.Equal(5, frames);
        Assert.Equal(3, counts[60 - PianoRoll.LowestPitch]);
        Assert.Equal(1, counts[64 - PianoRoll.LowestPitch]);
        Assert.Equal(1, counts[0]);
        Assert.Equal(1, counts[^1]);
        Assert.Equal(6, counts.Sum());
    }

    [Fact]
    public void TheFigureIsAPng()
    {
        string path = _directory.File("keys.png");

        KeyHistogramPlot.Write(path, [PianoRoll.FromPitches([[60, 64], [67]])], "test");

        Assert.Equal((1000, 420), Png.Size(path));
    }

    public void Dispose() => _directory.Dispose();
}
