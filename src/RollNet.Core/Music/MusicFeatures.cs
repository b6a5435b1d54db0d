namespace RollNet.Music;

/// <summary>The scalar features in a fixed order, with the short names tables and files use for them.</summary>
internal static class MusicFeatures
{
    /// <summary>Every <see cref="MusicFeature"/>, in declaration order.</summary>
    public static IReadOnlyList<MusicFeature> All { get; } = Enum.GetValues<MusicFeature>();

    /// <summary>
    /// A short camel-case name of <paramref name="feature"/> (<c>notesPerFrame</c>,
    /// <c>emptyFrames</c>, <c>pitchSpan</c>, <c>pitchesUsed</c>, <c>pitchClassEntropy</c>, <c>inKey</c>,
    /// <c>noteLength</c>, <c>topVoiceLeap</c>, <c>chords</c>, <c>clashes</c>, <c>pitchClassClashes</c>, <c>bassLeap</c>,
    /// <c>similarMotion</c>, <c>contraryMotion</c>, <c>obliqueMotion</c>, <c>outerParallels</c>, <c>voiceParallels</c>,
    /// <c>overlaps</c>), as keys of JSON output.
    /// </summary>
    public static string Key(MusicFeature feature) => feature switch
    {
        MusicFeature.NotesPerFrame => "notesPerFrame",
        MusicFeature.EmptyFrames => "emptyFrames",
        MusicFeature.PitchSpan => "pitchSpan",
        MusicFeature.PitchesUsed => "pitchesUsed",
        MusicFeature.PitchClassEntropy => "pitchClassEntropy",
        MusicFeature.InKey => "inKey",
        MusicFeature.NoteLength => "noteLength",
        MusicFeature.TopVoiceLeap => "topVoiceLeap",
        MusicFeature.Chords => "chords",
        MusicFeature.Clashes => "clashes",
        MusicFeature.PitchClassClashes => "pitchClassClashes",
        MusicFeature.BassLeap => "bassLeap",
        MusicFeature.SimilarMotion => "similarMotion",
        MusicFeature.ContraryMotion => "contraryMotion",
        MusicFeature.ObliqueMotion => "obliqueMotion",
        MusicFeature.OuterParallels => "outerParallels",
        MusicFeature.VoiceParallels => "voiceParallels",
        MusicFeature.Overlaps => "overlaps",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a music feature"),
    };

    /// <summary>A short description of <paramref name="feature"/> with its unit, for tables and figure titles.</summary>
    public static string Description(MusicFeature feature) => feature switch
    {
        MusicFeature.NotesPerFrame => "notes per frame",
        MusicFeature.EmptyFrames => "empty frames (share)",
        MusicFeature.PitchSpan => "pitch span (semitones)",
        MusicFeature.PitchesUsed => "pitches used",
        MusicFeature.PitchClassEntropy => "pitch-class entropy (bits)",
        MusicFeature.InKey => "in key (share)",
        MusicFeature.NoteLength => "note length (steps)",
        MusicFeature.TopVoiceLeap => "top-voice leap (semitones)",
        MusicFeature.Chords => "triad or seventh (share)",
        MusicFeature.Clashes => "semitone clash (share)",
        MusicFeature.PitchClassClashes => "clash in any octave (share)",
        MusicFeature.BassLeap => "bass leap (semitones)",
        MusicFeature.SimilarMotion => "outer voices similar (share)",
        MusicFeature.ContraryMotion => "outer voices contrary (share)",
        MusicFeature.ObliqueMotion => "outer voices oblique (share)",
        MusicFeature.OuterParallels => "parallel 5ths/8ves, outer (per 100)",
        MusicFeature.VoiceParallels => "parallel 5ths/8ves, 4 voices (per 100)",
        MusicFeature.Overlaps => "voice overlaps (per 100)",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a music feature"),
    };
}
