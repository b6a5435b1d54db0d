using RollNet.Data;
using RollNet.Music;
using Xunit;

namespace RollNet.Tests.Music;

public sealed class MusicComparisonTests
{
    [Fact]
    public void ASetOverlapsItselfCompletely()
    {
        double[] values = [0.1, 0.5, 0.52, 0.9, 2.5, 3];

        Assert.Equal(1.0, MusicComparison.Overlap(values, values), 6);
    }

    [Fact]
    public void DisjointDistributionsHardlyOverlap()
    {
        Assert.True(MusicComparison.Overlap([1.0, 1.1, 0.9, 1.05], [4.0, 4.2, 3.9, 4.1]) < 0.01);
        Assert.True(MusicComparison.Overlap([1.0, 1.0, 1.0], [4.0, 4.0]) < 0.01);
    }

    [Fact]
    public void OverlapIsSymmetricAndBetweenZeroAndOne()
    {
        double[] a = [1, 2, 2.5, 3, 4], b = [2, 3.5, 4, 5, 6, 7];

        double ab = MusicComparison.Overlap(a, b);

        Assert.InRange(ab, 0.2, 0.95);
        Assert.Equal(ab, MusicComparison.Overlap(b, a), 12);
    }

    [Fact]
    public void TheEdgeCasesOfOverlapAreDefined()
    {
        Assert.Equal(1.0, MusicComparison.Overlap([2.0], [2.0, 2.0]));
        Assert.True(double.IsNaN(MusicComparison.Overlap([], [1.0])));
        Assert.True(double.IsNaN(MusicComparison.Overlap([double.NaN], [1.0])));
    }

    [Fact]
    public void ComparingASetWithItselfGivesOverlapOneOnEveryFeature()
    {
        PianoRoll[] rolls =
        [
            PianoRoll.FromPitches([[60, 64, 67], [62, 65, 69], [], [60, 61], [48, 55, 64, 72], [50, 57, 65, 74]]),
            PianoRoll.FromPitches([[48, 55, 64], [48, 55, 64], [50, 57, 65, 72], [48, 52, 55, 60], [47, 53, 55, 62]]),
            PianoRoll.FromPitches([[72], [74], [76], [77], [79], [67, 71, 74], [60, 64, 67, 72], [62, 65, 69, 74], [64, 67, 71, 76]]),
        ];

        // Every feature is defined for each piece: the last frames of each move four voices.
        IReadOnlyList<FeatureComparison> comparison = MusicComparison.Compare(rolls, rolls);

        Assert.Equal(MusicFeatures.All, comparison.Select(c => c.Feature));
        Assert.All(comparison, c =>
        {
            Assert.Equal(1.0, c.Overlap, 6);
            Assert.Equal(c.MeanA, c.MeanB);
        });
    }

    [Fact]
    public void DenseChordsAndALoneMelodyDifferInNotesPerFrame()
    {
        PianoRoll[] chords = [.. Enumerable.Range(0, 5).Select(i => PianoRoll.FromPitches([[48 + i, 52 + i, 55 + i, 60 + i]]))];
        PianoRoll[] melody = [.. Enumerable.Range(0, 5).Select(i => PianoRoll.FromPitches([[60 + i], [62 + i]]))];

        FeatureComparison notes = MusicComparison.Compare(chords, melody).Single(c => c.Feature == MusicFeature.NotesPerFrame);

        Assert.Equal((4.0, 1.0), (notes.MeanA, notes.MeanB));
        Assert.True(notes.Overlap < 0.01, $"{notes.Overlap}");
        Assert.Equal(5, notes.ValuesA.Count);
    }
}
