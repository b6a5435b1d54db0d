namespace RollNet.Music;

/// <summary>
/// A major or minor key, as <see cref="KeyFinder"/> finds it. <see cref="MusicStatistics.Key"/> gives one so a caller
/// can see which key a roll is in.
/// </summary>
/// <param name="Tonic">Pitch class of the tonic, 0 (C) to 11 (B).</param>
/// <param name="IsMinor">Whether the key is minor (its scale the natural minor) rather than major.</param>
/// <param name="Correlation">
/// Pearson correlation of the piece's pitch-class histogram with the key's Krumhansl–Kessler profile, −1 to 1.
/// </param>
public readonly record struct MusicKey(int Tonic, bool IsMinor, double Correlation)
{
    private static readonly string[] MajorNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] MinorNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"];

    // Semitones above the tonic of the major and the natural minor scale.
    private static readonly int[] MajorSteps = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorSteps = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>The key's name, such as <c>C major</c>, <c>F# minor</c> or <c>Bb major</c>.</summary>
    public string Name => $"{(IsMinor ? MinorNames : MajorNames)[Tonic]} {(IsMinor ? "minor" : "major")}";

    /// <summary>
    /// Whether <paramref name="pitchClass"/> (0..11, or any MIDI pitch) belongs to the key's scale: the major scale, or
    /// for a minor key the natural minor (so a raised leading tone, G# in A minor, is outside it).
    /// </summary>
    public bool InScale(int pitchClass)
    {
        int step = (((pitchClass - Tonic) % 12) + 12) % 12;
        return Array.IndexOf(IsMinor ? MinorSteps : MajorSteps, step) >= 0;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
