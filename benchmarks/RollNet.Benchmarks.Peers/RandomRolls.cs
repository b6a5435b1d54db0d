using RollNet.Data;

namespace RollNet.Benchmarks.Peers;

/// <summary>Random piano rolls of about four notes per frame, the density of the chorales, as RollNet's own benchmark uses.</summary>
internal static class RandomRolls
{
    /// <summary><paramref name="batch"/> sequences of <paramref name="steps"/> input frames, each with its target frame.</summary>
    public static SequenceBatch Batch(int batch, int steps, int seed)
    {
        var random = new Random(seed);
        var rolls = new List<PianoRoll>();
        for (int b = 0; b < batch; b++)
        {
            var roll = new PianoRoll(steps + 1);
            for (int t = 0; t <= steps; t++)
            {
                for (int key = 0; key < PianoRoll.Keys; key++)
                {
                    roll[t, key] = random.NextDouble() < 4.0 / PianoRoll.Keys;
                }
            }

            rolls.Add(roll);
        }

        return SequenceBatch.FromRolls(rolls);
    }
}
