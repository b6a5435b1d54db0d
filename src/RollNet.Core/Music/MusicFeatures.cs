namespace RollNet.Music;

/// <summary>The scalar features in a fixed order, with the short names tables and files use for them.</summary>
public static class MusicFeatures
{
    /// <summary>Every <see cref="MusicFeature"/>, in declaration order.</summary>
    public static IReadOnlyList<MusicFeature> All { get; } = Enum.GetValues<MusicFeature>();

    /// <summary>
    /// A short lower-case name of <paramref name="feature"/> with no spaces (<c>notes_per_frame</c>,
    /// <c>empty_frames</c>, <c>pitch_span</c>, <c>pitches_used</c>, <c>pitch_class_entropy</c>, <c>in_key</c>,
    /// <c>note_length</c>, <c>top_voice_leap</c>, <c>chords</c>, <c>clashes</c>, <c>pitch_class_clashes</c>), as keys of JSON output.
    /// </summary>
    public static string Key(MusicFeature feature) => feature switch
    {
        MusicFeature.NotesPerFrame => "notes_per_frame",
        MusicFeature.EmptyFrames => "empty_frames",
        MusicFeature.PitchSpan => "pitch_span",
        MusicFeature.PitchesUsed => "pitches_used",
        MusicFeature.PitchClassEntropy => "pitch_class_entropy",
        MusicFeature.InKey => "in_key",
        MusicFeature.NoteLength => "note_length",
        MusicFeature.TopVoiceLeap => "top_voice_leap",
        MusicFeature.Chords => "chords",
        MusicFeature.Clashes => "clashes",
        MusicFeature.PitchClassClashes => "pitch_class_clashes",
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
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a music feature"),
    };
}
