namespace RollNet.Music;

/// <summary>
/// The pitch-class sets of the triads and seventh chords in every transposition, as 12-bit masks (bit p for pitch
/// class p), so that a frame matches in any inversion and with any doubling.
/// </summary>
internal static class ChordShapes
{
    // Semitones above the root: major, minor, diminished, augmented triads; dominant, major, minor,
    // half-diminished and diminished sevenths.
    private static readonly int[][] Shapes =
    [
        [0, 4, 7], [0, 3, 7], [0, 3, 6], [0, 4, 8],
        [0, 4, 7, 10], [0, 4, 7, 11], [0, 3, 7, 10], [0, 3, 6, 10], [0, 3, 6, 9],
    ];

    private static readonly bool[] IsChord = Table();

    /// <summary>Whether the pitch-class set <paramref name="mask"/> is exactly a triad or seventh chord.</summary>
    public static bool Contains(int mask) => IsChord[mask & 0xFFF];

    private static bool[] Table()
    {
        var table = new bool[1 << 12];
        foreach (int[] shape in Shapes)
        {
            for (int root = 0; root < 12; root++)
            {
                int mask = 0;
                foreach (int step in shape)
                {
                    mask |= 1 << ((root + step) % 12);
                }

                table[mask] = true;
            }
        }

        return table;
    }
}
