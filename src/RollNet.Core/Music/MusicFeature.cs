namespace RollNet.Music;

/// <summary>
/// The scalar features of <see cref="MusicStatistics"/> that <see cref="MusicComparison"/> compares piece by piece;
/// <see cref="MusicStatistics.Value"/> reads one.
/// </summary>
public enum MusicFeature
{
    /// <summary><see cref="MusicStatistics.MeanNotesPerFrame"/>.</summary>
    NotesPerFrame,

    /// <summary><see cref="MusicStatistics.EmptyFrameShare"/>.</summary>
    EmptyFrames,

    /// <summary><see cref="MusicStatistics.PitchSpan"/>, in semitones.</summary>
    PitchSpan,

    /// <summary><see cref="MusicStatistics.PitchesUsed"/>.</summary>
    PitchesUsed,

    /// <summary><see cref="MusicStatistics.PitchClassEntropy"/>, in bits.</summary>
    PitchClassEntropy,

    /// <summary><see cref="MusicStatistics.InKeyShare"/>.</summary>
    InKey,

    /// <summary><see cref="MusicStatistics.MeanNoteLength"/>, in steps.</summary>
    NoteLength,

    /// <summary><see cref="MusicStatistics.MeanTopVoiceLeap"/>, in semitones.</summary>
    TopVoiceLeap,

    /// <summary><see cref="MusicStatistics.ChordShare"/>.</summary>
    Chords,

    /// <summary><see cref="MusicStatistics.ClashShare"/>.</summary>
    Clashes,

    /// <summary><see cref="MusicStatistics.PitchClassClashShare"/>.</summary>
    PitchClassClashes,

    /// <summary><see cref="MusicStatistics.BassLeap"/>, in semitones.</summary>
    BassLeap,

    /// <summary><see cref="MusicStatistics.SimilarMotionShare"/>.</summary>
    SimilarMotion,

    /// <summary><see cref="MusicStatistics.ContraryMotionShare"/>.</summary>
    ContraryMotion,

    /// <summary><see cref="MusicStatistics.ObliqueMotionShare"/>.</summary>
    ObliqueMotion,

    /// <summary><see cref="MusicStatistics.OuterParallelsPer100"/>.</summary>
    OuterParallels,

    /// <summary><see cref="MusicStatistics.VoiceParallelsPer100"/>.</summary>
    VoiceParallels,

    /// <summary><see cref="MusicStatistics.OverlapsPer100"/>.</summary>
    Overlaps,
}
