using System.Globalization;
using RollNet.Data;
using RollNet.Music;
using RollNet.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace RollNet.Tests.Music;

/// <summary>The statistics of Bach's chorales as a musician knows them: mostly triads and sevenths, few clashes.</summary>
public sealed class JsbMusicStatisticsTests(ITestOutputHelper output)
{
    [Fact]
    public void TheChoralesAreMostlyTriadsAndSeventhsWithFewClashes()
    {
        PianoRollDataset data = PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales.pickle"));

        MusicSetStatistics set = MusicStatistics.Of(data.Test);
        MusicStatistics s = set.Overall;
        foreach (MusicFeature f in MusicFeatures.All)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{MusicFeatures.Key(f)}: pooled {s.Value(f):F4}, mean of pieces {set.Mean(f):F4}"));
        }

        output.WriteLine($"key {s.Key}, pitches {s.LowestPitch}..{s.HighestPitch}");
        output.WriteLine($"notes per frame shares {Join(s.NotesPerFrameShares)}");
        output.WriteLine($"pitch classes {Join(s.PitchClassHistogram)}");
        output.WriteLine($"note lengths {Join(s.NoteLengthShares)}");
        output.WriteLine($"leaps {Join(s.TopVoiceLeapShares)}");
        output.WriteLine($"pieces' keys {string.Join(", ", set.Pieces.Select(p => p.Key?.Name))}");

        Assert.Equal(77, set.Pieces.Count);
        Assert.InRange(s.ChordShare, 0.75, 0.95);
        Assert.InRange(s.ClashShare, 0.002, 0.03);
        Assert.InRange(s.PitchClassClashShare, 0.015, 0.06);
        Assert.InRange(s.MeanNotesPerFrame, 3.5, 4.0);
        Assert.InRange(s.InKeyShare, 0.85, 1.0);
        Assert.Equal("C major", s.Key?.Name); // the dataset moves every chorale to C major or C minor
        Assert.InRange(s.MeanTopVoiceLeap, 0.5, 3.0);
    }

    private static string Join(IEnumerable<double> values) =>
        string.Join(" ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)));
}
