using RollNet.Data;
using RollNet.Music;
using Xunit;

namespace RollNet.Tests.Music;

public sealed class MusicStatisticsTests
{
    private const int C4 = 60;

    private static MusicStatistics Of(params int[][] frames) => MusicStatistics.Of(PianoRoll.FromPitches(frames));

    [Fact]
    public void ACMajorTriadIsATriadInEveryInversionAndWithDoublings()
    {
        MusicStatistics s = Of([60, 64, 67], [64, 67, 72], [55, 60, 64], [48, 60, 64, 67, 76], [61, 65, 68]);

        Assert.Equal(1.0, s.ChordShare);
    }

    [Theory]
    [InlineData(new[] { 60, 63, 67 })]          // minor
    [InlineData(new[] { 60, 63, 66 })]          // diminished
    [InlineData(new[] { 60, 64, 68 })]          // augmented
    [InlineData(new[] { 64, 70, 72, 67 })]      // dominant seventh, first inversion
    [InlineData(new[] { 60, 64, 67, 71 })]      // major seventh
    [InlineData(new[] { 57, 60, 64, 67 })]      // minor seventh
    [InlineData(new[] { 59, 62, 65, 69 })]      // half-diminished
    [InlineData(new[] { 59, 62, 65, 68, 71 })]  // diminished seventh, doubled
    public void EveryTriadAndSeventhCounts(int[] chord) => Assert.Equal(1.0, Of(chord).ChordShare);

    [Theory]
    [InlineData(new[] { 60 })]
    [InlineData(new[] { 60, 64 })]
    [InlineData(new[] { 60, 64, 67, 62 })]      // an added ninth
    [InlineData(new[] { 60, 62, 64 })]
    [InlineData(new[] { 60, 65, 67 })]          // suspended fourth
    public void OtherSetsAreNotChords(int[] frame) => Assert.Equal(0.0, Of(frame).ChordShare);

    [Fact]
    public void ChordsAndClashesAreSharesOfSoundingFrames()
    {
        MusicStatistics s = Of([60, 64, 67], [], [60, 61], [60, 62]);

        Assert.Equal(1.0 / 3, s.ChordShare, 12);
        Assert.Equal(1.0 / 3, s.ClashShare, 12);
    }

    [Fact]
    public void AClashIsTwoKeysOneSemitoneApartNotAMinorNinth()
    {
        Assert.Equal(1.0, Of([60, 61]).ClashShare);
        Assert.Equal(1.0, Of([59, 60, 64]).ClashShare);
        Assert.Equal(0.0, Of([60, 73]).ClashShare);
        Assert.Equal(0.0, Of([60, 62, 64, 66]).ClashShare);
        Assert.Equal(0.0, Of([60, 64, 67, 71]).ClashShare); // B above C: a major seventh
    }

    [Fact]
    public void AClashInAnyOctaveTakesInMajorSeventhsAndMinorNinths()
    {
        Assert.Equal(1.0, Of([60, 61]).PitchClassClashShare);
        Assert.Equal(1.0, Of([60, 73]).PitchClassClashShare);
        Assert.Equal(1.0, Of([60, 64, 67, 71]).PitchClassClashShare);
        Assert.Equal(1.0, Of([48, 71]).PitchClassClashShare);
        Assert.Equal(0.0, Of([60, 62, 64, 66]).PitchClassClashShare);
        Assert.Equal(0.5, Of([60, 64, 67], [60, 64, 67, 71]).PitchClassClashShare);
    }

    [Fact]
    public void NotesPerFrameAndEmptyFrames()
    {
        MusicStatistics s = Of([], [60], [60, 64], [60, 64, 67], [], [60, 62, 64, 65, 67, 69, 71]);

        Assert.Equal(6, s.Frames);
        Assert.Equal(13.0 / 6, s.MeanNotesPerFrame, 12);
        Assert.Equal(2.0 / 6, s.EmptyFrameShare, 12);
        Assert.Equal([2.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0, 0, 1.0 / 6], s.NotesPerFrameShares);
    }

    [Fact]
    public void PitchRangeAndPitchesUsed()
    {
        MusicStatistics s = Of([48, 60], [60, 72], [67]);

        Assert.Equal((48, 72, 24), (s.LowestPitch, s.HighestPitch, s.PitchSpan));
        Assert.Equal(4, s.PitchesUsed);
        Assert.Equal(24, s.Value(MusicFeature.PitchSpan));
    }

    [Fact]
    public void ThePitchClassHistogramWeighsPitchesByDuration()
    {
        // C sounds for three key-frames (two octaves), G for one.
        MusicStatistics s = Of([48, 60], [60], [67]);

        double[] expected = new double[12];
        expected[0] = 0.75;
        expected[7] = 0.25;
        Assert.Equal(expected, s.PitchClassHistogram);
        Assert.Equal(-((0.75 * Math.Log2(0.75)) + (0.25 * Math.Log2(0.25))), s.PitchClassEntropy, 12);
        Assert.Equal(0.0, Of([60], [72]).PitchClassEntropy);
        int[][] chromatic = [.. Enumerable.Range(C4, 12).Select(p => new[] { p })];
        Assert.Equal(Math.Log2(12), Of(chromatic).PitchClassEntropy, 12);
    }

    [Fact]
    public void NoteLengthsAreRunsOfAKey()
    {
        // C held 3 steps, E 1 then again 2, G 8 steps.
        MusicStatistics s = Of([60, 64, 67], [60, 67], [60, 64, 67], [64, 67], [67], [67], [67], [67]);

        Assert.Equal(4, s.Notes);
        Assert.Equal((3 + 1 + 2 + 8) / 4.0, s.MeanNoteLength, 12);
        Assert.Equal([0.25, 0.25, 0.25, 0, 0, 0, 0, 0.25], s.NoteLengthShares);
    }

    [Fact]
    public void TheTopVoiceLeapsFromTheHighestKeyOfEachSoundingFrame()
    {
        // Top line 67 → 69 (held) 69 → rest → 62 → 74 → 74: leaps 2, 0, 7, 12, 0; the bass does not count.
        MusicStatistics s = Of([48, 67], [50, 69], [52, 69], [], [55, 62], [43, 74], [74]);

        Assert.Equal(5, s.TopVoiceSteps);
        Assert.Equal(21.0 / 5, s.MeanTopVoiceLeap, 12);
        double[] expected = new double[14];
        expected[0] = 0.4;
        expected[2] = expected[7] = expected[12] = 0.2;
        Assert.Equal(expected, s.TopVoiceLeapShares);
        Assert.Equal(1.0, Of([60], [80]).TopVoiceLeapShares[13]);
    }

    [Fact]
    public void APieceInAMinorIsFoundInAMinorAndIsAllInKey()
    {
        // A natural minor: i – iv – v – i over a melody on the scale, tonic and dominant weighted.
        int[][] frames =
        [
            [45, 57, 60, 64, 69], [45, 57, 60, 64, 71], [50, 57, 62, 65, 72], [50, 57, 62, 65, 74],
            [52, 59, 64, 67, 76], [52, 59, 64, 67, 74], [45, 57, 60, 64, 72], [45, 57, 60, 64, 69],
        ];
        MusicStatistics s = Of(frames);

        Assert.Equal(new MusicKey(9, true, s.Key!.Value.Correlation), s.Key);
        Assert.Equal("A minor", s.Key.Value.Name);
        Assert.Equal(1.0, s.InKeyShare);
    }

    [Fact]
    public void APieceInCMajorIsFoundInCMajorAndAChromaticNoteIsOutOfKey()
    {
        int[][] frames = [[48, 60, 64, 67], [53, 60, 65, 69], [55, 59, 62, 67], [48, 60, 64, 67], [60, 63]];
        MusicStatistics s = Of(frames);

        Assert.Equal("C major", s.Key!.Value.Name);
        Assert.Equal(17.0 / 18, s.InKeyShare, 12);
    }

    [Fact]
    public void KeysAreNamedAndTheirScalesKnown()
    {
        Assert.Equal("F# minor", new MusicKey(6, true, 1).Name);
        Assert.Equal("Bb major", new MusicKey(10, false, 1).Name);
        Assert.True(new MusicKey(9, true, 1).InScale(67));   // G in A minor
        Assert.False(new MusicKey(9, true, 1).InScale(68));  // G#: the natural minor has no leading tone
        Assert.Null(KeyFinder.Find(new double[12]));
        Assert.Equal("C major", KeyFinder.Find([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])!.Value.Name);
    }

    [Fact]
    public void AnEmptyRollHasCountsOfZeroAndRatiosOfNaN()
    {
        foreach (MusicStatistics s in new[] { MusicStatistics.Of(new PianoRoll(0)), MusicStatistics.Of(new PianoRoll(4)) })
        {
            Assert.Equal(0, s.Notes);
            Assert.Null(s.LowestPitch);
            Assert.Null(s.PitchSpan);
            Assert.Null(s.Key);
            Assert.Equal(0, s.PitchesUsed);
            Assert.Equal(new double[12], s.PitchClassHistogram);
            Assert.All(new[] { MusicFeature.PitchSpan, MusicFeature.PitchClassEntropy, MusicFeature.InKey, MusicFeature.NoteLength,
                MusicFeature.TopVoiceLeap, MusicFeature.Chords, MusicFeature.Clashes }, f => Assert.True(double.IsNaN(s.Value(f)), $"{f}"));
        }

        Assert.True(double.IsNaN(MusicStatistics.Of(new PianoRoll(0)).MeanNotesPerFrame));
        Assert.Equal(0.0, MusicStatistics.Of(new PianoRoll(4)).MeanNotesPerFrame);
        Assert.Equal(1.0, MusicStatistics.Of(new PianoRoll(4)).EmptyFrameShare);
        MusicSetStatistics none = MusicStatistics.Of(Array.Empty<PianoRoll>());
        Assert.Empty(none.Pieces);
        Assert.Equal(0, none.Overall.Frames);
        Assert.True(double.IsNaN(none.Mean(MusicFeature.NotesPerFrame)));
    }

    [Fact]
    public void ASetPoolsFramesAndNotesAndKeepsEachPiece()
    {
        PianoRoll chords = PianoRoll.FromPitches([[60, 64, 67], [60, 64, 67]]);
        PianoRoll clash = PianoRoll.FromPitches([[60, 61], [], [62], [62], [62], [62]]);

        MusicSetStatistics set = MusicStatistics.Of([chords, clash]);

        Assert.Equal(2, set.Overall.Pieces);
        Assert.Equal(8, set.Overall.Frames);
        Assert.Equal(12.0 / 8, set.Overall.MeanNotesPerFrame, 12);
        Assert.Equal(2.0 / 7, set.Overall.ChordShare, 12);     // pooled: 2 chord frames of 7 sounding
        Assert.Equal(0.5, set.Mean(MusicFeature.Chords), 12);  // per piece: 1 and 0
        Assert.Equal([3.0, 1.0], set.Values(MusicFeature.NotesPerFrame));
        Assert.Equal(1.0 / 7, set.Overall.ClashShare, 12);
        Assert.Equal(5, set.Overall.TopVoiceSteps);             // 1 + 4: no leap from one piece into the next
        Assert.Equal((3 * 2 + 1 + 1 + 4) / 6.0, set.Overall.MeanNoteLength, 12);
    }
}
