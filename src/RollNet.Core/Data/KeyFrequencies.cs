namespace RollNet.Data;

/// <summary>For each of the 88 keys, the frames of a set of rolls in which it sounds; and the frames in all.</summary>
/// <param name="Counts">Frames in which each key sounds, key 0 (A0) first.</param>
/// <param name="Frames">All frames of the rolls.</param>
internal sealed record KeyFrequencies(long[] Counts, long Frames)
{
    /// <summary>Counts the keys of <paramref name="rolls"/>.</summary>
    public static KeyFrequencies Of(IEnumerable<PianoRoll> rolls)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        var counts = new long[PianoRoll.Keys];
        long frames = 0, index = 0;
        foreach (PianoRoll roll in rolls)
        {
            if (roll is null)
            {
                throw new ArgumentException($"roll {index} is null", nameof(rolls));
            }

            index++;
            frames += roll.Steps;
            for (int t = 0; t < roll.Steps; t++)
            {
                for (int key = 0; key < PianoRoll.Keys; key++)
                {
                    counts[key] += roll[t, key] ? 1 : 0;
                }
            }
        }

        return new KeyFrequencies(counts, frames);
    }

    /// <summary>
    /// The chance that each key sounds in a frame, with one imagined frame in which it sounds and one in which it is
    /// silent (Laplace's rule), so a key never heard gets a small chance rather than none and no key gets certainty.
    /// </summary>
    public double[] Probabilities() => [.. Counts.Select(c => (c + 1.0) / (Frames + 2.0))];
}
