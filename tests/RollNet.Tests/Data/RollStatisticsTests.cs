using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class RollStatisticsTests
{
    [Fact]
    public void CountsSequencesFramesNotesAndPitchRange()
    {
        PianoRoll a = PianoRoll.FromPitches([[60, 64], [], [21]]), b = PianoRoll.FromPitches([[108]]);

        Assert.Equal(new RollStatistics(2, 4, 1.0, 21, 108), RollStatistics.Of([a, b]));
        Assert.Equal(new RollStatistics(1, 2, 0, null, null), RollStatistics.Of([new PianoRoll(2)]));
        Assert.Equal(new RollStatistics(0, 0, 0, null, null), RollStatistics.Of([]));
    }
}
