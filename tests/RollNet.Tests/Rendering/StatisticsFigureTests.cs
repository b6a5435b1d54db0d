using RollNet.Data;
using RollNet.Music;
using RollNet.Rendering;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Rendering;

public sealed class StatisticsFigureTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void OneSetOrTwoMakeAPng()
    {
        MusicSetStatistics a = MusicStatistics.Of([PianoRoll.FromPitches([[60, 64, 67], [62]]), PianoRoll.FromPitches([[60, 61]])]);
        MusicSetStatistics silent = MusicStatistics.Of([new PianoRoll(3)]);

        StatisticsFigure.Write(_directory.File("one.png"), a, "a");
        StatisticsFigure.Write(_directory.File("two.png"), a, "a", silent, "silent");

        // Three panels a row, 420×280 each.
        (int, int) size = (1260, 280 * ((MusicFeatures.All.Count + 2) / 3));
        Assert.Equal(size, Png.Size(_directory.File("one.png")));
        Assert.Equal(size, Png.Size(_directory.File("two.png")));
    }

    public void Dispose() => _directory.Dispose();
}
