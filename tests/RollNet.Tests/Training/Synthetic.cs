using RollNet.Data;

namespace RollNet.Tests.Training;

/// <summary>Small learnable music: rolls that cycle through a few chords, so the next frame follows from the last ones.</summary>
internal static class Synthetic
{
    private static readonly int[][] Chords = [[60, 64, 67], [62, 65, 69], [59, 62, 67, 71], [60, 64, 67, 72]];

    /// <summary>Rolls of different lengths (so batches hold padding), each starting at another chord.</summary>
    public static List<PianoRoll> Rolls(int count, int length)
    {
        var rolls = new List<PianoRoll>();
        for (int s = 0; s < count; s++)
        {
            var frames = new List<IReadOnlyCollection<int>>();
            for (int t = 0; t < length - (s % 3); t++)
            {
                frames.Add(Chords[(t + s) % Chords.Length]);
            }

            rolls.Add(PianoRoll.FromPitches(frames));
        }

        return rolls;
    }
}
