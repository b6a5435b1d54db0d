using RollNet.Data;

namespace RollNet.Music;

/// <summary>
/// Musical statistics of a piano roll, or of a set of rolls pooled (every frame and note of the set counted
/// together), in the manner of mgeval and MusPy's metrics. A frame is one time step; a note is a run of consecutive
/// frames in which one key sounds (cut at the ends of its roll); a key-frame is one key sounding in one frame, so
/// histograms over key-frames weight each pitch by how long it sounds. A ratio with nothing to count (no frame, no
/// note, no sounding frame) is NaN, never 0. A caller gets them with <see cref="Of(PianoRoll)"/> for one roll and
/// with <see cref="Of(IEnumerable{PianoRoll})"/> for a set, such as a dataset or a model's output.
/// </summary>
public sealed class MusicStatistics
{
    private readonly MusicCounts _counts;

    private MusicStatistics(MusicCounts counts)
    {
        _counts = counts;
        double[] histogram = counts.PitchClassHistogram();
        PitchClassHistogram = histogram;
        Key = KeyFinder.Find(histogram);
        int lowest = Array.FindIndex(counts.KeyFrames, c => c > 0), highest = Array.FindLastIndex(counts.KeyFrames, c => c > 0);
        LowestPitch = lowest < 0 ? null : lowest + PianoRoll.LowestPitch;
        HighestPitch = highest < 0 ? null : highest + PianoRoll.LowestPitch;
    }

    /// <summary>Rolls measured: 1 for one piece.</summary>
    public int Pieces => _counts.Pieces;

    /// <summary>Frames (time steps), empty ones included.</summary>
    public long Frames => _counts.Frames;

    /// <summary>Notes: runs of consecutive frames of one key.</summary>
    public long Notes => _counts.Notes;

    /// <summary>Sounding keys per frame, averaged over all frames (empty ones count as 0); NaN without frames.</summary>
    public double MeanNotesPerFrame => Ratio(_counts.SoundingKeys, _counts.Frames);

    /// <summary>
    /// Of all frames, the shares in which 0, 1, 2, 3, 4, 5, and 6 or more keys sound (7 values summing to 1; NaN
    /// without frames).
    /// </summary>
    public IReadOnlyList<double> NotesPerFrameShares => Shares(_counts.Polyphony, _counts.Frames);

    /// <summary>Share of frames in which no key sounds; NaN without frames.</summary>
    public double EmptyFrameShare => Ratio(_counts.EmptyFrames, _counts.Frames);

    /// <summary>The lowest MIDI pitch that sounds; null when none does.</summary>
    public int? LowestPitch { get; }

    /// <summary>The highest MIDI pitch that sounds; null when none does.</summary>
    public int? HighestPitch { get; }

    /// <summary>Semitones from the lowest to the highest pitch that sounds (0 for one pitch); null when none does.</summary>
    public int? PitchSpan => HighestPitch - LowestPitch;

    /// <summary>How many different MIDI pitches sound at least once (mgeval's "used pitch"); 0 for silence.</summary>
    public int PitchesUsed => _counts.KeyFrames.Count(c => c > 0);

    /// <summary>
    /// Sounding key-frames per pitch class, C first, normalised to sum to 1: each pitch weighted by the frames it
    /// sounds in. All zeros when nothing sounds.
    /// </summary>
    public IReadOnlyList<double> PitchClassHistogram { get; }

    /// <summary>
    /// Shannon entropy of <see cref="PitchClassHistogram"/> in bits: 0 for a single pitch class, log2 12 ≈ 3.585 for
    /// all twelve equally; NaN when nothing sounds.
    /// </summary>
    public double PitchClassEntropy =>
        _counts.SoundingKeys == 0 ? double.NaN : -PitchClassHistogram.Where(p => p > 0).Sum(p => p * Math.Log2(p));

    /// <summary>
    /// The best-fitting key of <see cref="PitchClassHistogram"/> by the Krumhansl–Kessler profiles
    /// (<see cref="KeyFinder.Find"/>); null when nothing sounds or the histogram is flat. For a set, the key of all
    /// its pieces pooled.
    /// </summary>
    public MusicKey? Key { get; }

    /// <summary>
    /// Share of sounding key-frames whose pitch class lies in the scale of the piece's best key (major, or natural
    /// minor; so 1 for a diatonic piece). For a set, each piece is measured in its own key and the key-frames pooled;
    /// pieces without a key are left out. NaN when no piece has a key.
    /// </summary>
    public double InKeyShare => Ratio(_counts.InKeyKeyFrames, _counts.KeyedKeyFrames);

    /// <summary>Mean note length in steps; NaN without notes.</summary>
    public double MeanNoteLength => Ratio(_counts.NoteSteps, _counts.Notes);

    /// <summary>
    /// Of all notes, the shares of length 1, 2, 3, 4, 5, 6, 7, and 8 or more steps (8 values; NaN without notes).
    /// </summary>
    public IReadOnlyList<double> NoteLengthShares => Shares(_counts.Lengths, _counts.Notes);

    /// <summary>
    /// Top-voice steps: pairs of successive sounding frames within a piece (empty frames between them skipped, so
    /// the line goes on across a rest).
    /// </summary>
    public long TopVoiceSteps => _counts.Leaps;

    /// <summary>
    /// Mean absolute interval in semitones between the highest sounding keys of successive sounding frames
    /// (<see cref="TopVoiceSteps"/>); a held or repeated top note counts as 0. NaN without such a pair.
    /// </summary>
    public double MeanTopVoiceLeap => Ratio(_counts.LeapSum, _counts.Leaps);

    /// <summary>
    /// Of the <see cref="TopVoiceSteps"/>, the shares of an absolute interval of 0, 1, …, 12, and 13 or more
    /// semitones (14 values; NaN without a step).
    /// </summary>
    public IReadOnlyList<double> TopVoiceLeapShares => Shares(_counts.LeapSizes, _counts.Leaps);

    /// <summary>Frames in which at least one key sounds.</summary>
    public long SoundingFrames => _counts.Frames - _counts.EmptyFrames;

    /// <summary>
    /// Share of sounding frames whose set of pitch classes is exactly a major, minor, diminished or augmented triad,
    /// or a dominant, major, minor, half-diminished or diminished seventh chord, in any inversion and with any
    /// doubling (C E G, E G C' and C E G C' all count; C E, or C E G D, do not). NaN without a sounding frame.
    /// </summary>
    public double ChordShare => Ratio(_counts.ChordFrames, SoundingFrames);

    /// <summary>
    /// Share of sounding frames in which two keys exactly one semitone apart sound together (C4 with C#4, or B3 with
    /// C4). A minor second displaced by octaves (C4 with C#5, a minor ninth) is not a clash. NaN without a sounding
    /// frame.
    /// </summary>
    public double ClashShare => Ratio(_counts.ClashFrames, SoundingFrames);

    /// <summary>
    /// Share of sounding frames holding two pitch classes a semitone apart in any octaves: a minor second, a major
    /// seventh (C4 with B4) or a minor ninth (C4 with C#5) all count. Always at least <see cref="ClashShare"/>. NaN
    /// without a sounding frame.
    /// </summary>
    public double PitchClassClashShare => Ratio(_counts.ClassClashFrames, SoundingFrames);

    /// <summary>
    /// Mean leap of the bass, the lowest sounding key, between successive sounding frames (across rests), in
    /// semitones; NaN with fewer than two sounding frames.
    /// </summary>
    public double BassLeap => Ratio(_counts.BassLeapSum, _counts.BassLeaps);

    /// <summary>
    /// Of the outer voices' moves (the lowest and highest keys of consecutive frames of two or more notes, at least one
    /// of them moving), the share in which both move the same way; NaN without such a move.
    /// </summary>
    public double SimilarMotionShare => Ratio(_counts.SimilarMoves, _counts.OuterMoves);

    /// <summary>Of the outer voices' moves, the share in which they move in opposite directions; NaN without a move.</summary>
    public double ContraryMotionShare => Ratio(_counts.ContraryMoves, _counts.OuterMoves);

    /// <summary>Of the outer voices' moves, the share in which one holds while the other moves; NaN without a move.</summary>
    public double ObliqueMotionShare => Ratio(_counts.ObliqueMoves, _counts.OuterMoves);

    /// <summary>
    /// Parallel fifths and octaves between the outer voices per 100 of their similar moves: both moving the same way
    /// from a perfect fifth to a perfect fifth, or from an octave (or unison) to an octave, octaves above them included.
    /// About 0.5 in Bach's chorales and 10 in the same chords shuffled; NaN without a similar move.
    /// </summary>
    public double OuterParallelsPer100 => 100 * Ratio(_counts.OuterParallels, _counts.SimilarMoves);

    /// <summary>
    /// The same between every pair of voices where two consecutive frames hold exactly four notes each (the voices
    /// taken in order of pitch), per 100 of those pairs' similar moves; NaN without one.
    /// </summary>
    public double VoiceParallelsPer100 => 100 * Ratio(_counts.PairParallels, _counts.PairSimilarMoves);

    /// <summary>
    /// Voice overlaps per 100 moves between consecutive four-note frames: a voice moving above where the voice over it
    /// was, or below where the voice under it was (a crossing shows as one, since a roll does not tell voices apart);
    /// NaN without such a move.
    /// </summary>
    public double OverlapsPer100 => 100 * Ratio(_counts.Overlaps, _counts.FourVoiceMoves);

    /// <summary>The statistics of one roll.</summary>
    public static MusicStatistics Of(PianoRoll roll) => new(MusicCounts.Of(roll));

    /// <summary>
    /// The statistics of <paramref name="rolls"/>: pooled over all their frames and notes, and of each piece on its
    /// own. An empty set gives zero counts and NaN ratios.
    /// </summary>
    public static MusicSetStatistics Of(IEnumerable<PianoRoll> rolls)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        var pooled = new MusicCounts();
        var pieces = new List<MusicStatistics>();
        foreach (PianoRoll roll in rolls)
        {
            MusicCounts counts = MusicCounts.Of(roll);
            pooled.Add(counts);
            pieces.Add(new MusicStatistics(counts));
        }

        return new MusicSetStatistics(new MusicStatistics(pooled), pieces);
    }

    /// <summary>The value of the scalar <paramref name="feature"/>; NaN where it is undefined (a null pitch span too).</summary>
    public double Value(MusicFeature feature) => feature switch
    {
        MusicFeature.NotesPerFrame => MeanNotesPerFrame,
        MusicFeature.EmptyFrames => EmptyFrameShare,
        MusicFeature.PitchSpan => PitchSpan ?? double.NaN,
        MusicFeature.PitchesUsed => PitchesUsed,
        MusicFeature.PitchClassEntropy => PitchClassEntropy,
        MusicFeature.InKey => InKeyShare,
        MusicFeature.NoteLength => MeanNoteLength,
        MusicFeature.TopVoiceLeap => MeanTopVoiceLeap,
        MusicFeature.Chords => ChordShare,
        MusicFeature.Clashes => ClashShare,
        MusicFeature.PitchClassClashes => PitchClassClashShare,
        MusicFeature.BassLeap => BassLeap,
        MusicFeature.SimilarMotion => SimilarMotionShare,
        MusicFeature.ContraryMotion => ContraryMotionShare,
        MusicFeature.ObliqueMotion => ObliqueMotionShare,
        MusicFeature.OuterParallels => OuterParallelsPer100,
        MusicFeature.VoiceParallels => VoiceParallelsPer100,
        MusicFeature.Overlaps => OverlapsPer100,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a music feature"),
    };

    private static double Ratio(long count, long total) => total == 0 ? double.NaN : (double)count / total;

    private static double[] Shares(long[] counts, long total) => [.. counts.Select(c => Ratio(c, total))];
}
