
namespace RollNet.Data;

/// <summary>
/// Sequences of frames padded to a common length, time-major on the host: at step t row b holds frame t of
/// sequence b as input and frame t+1 as target; the mask says which (t, b) are real frames rather than padding.
/// </summary>
internal sealed class SequenceBatch
{
    /// <summary>A batch from raw arrays: inputs and targets T×B×keys, mask T×B of 0 or 1.</summary>
    public SequenceBatch(int steps, int batchSize, int keys, float[] inputs, float[] targets, float[] mask)
    {
        if (steps < 1 || batchSize < 1 || keys < 1)
        {
            throw new ArgumentException($"an empty batch (T={steps}, B={batchSize}, keys={keys}) cannot be trained on");
        }

        Check(inputs, steps * batchSize * keys, nameof(inputs));
        Check(targets, steps * batchSize * keys, nameof(targets));
        Check(mask, steps * batchSize, nameof(mask));
        if (Array.Exists(mask, m => m is not (0 or 1)))
        {
            throw new ArgumentException("the frame mask may hold only 0 and 1", nameof(mask));
        }

        Frames = (int)mask.Sum();
        if (Frames == 0)
        {
            throw new ArgumentException("the batch has no real frame: its mask is all zero");
        }

        (Steps, BatchSize, Keys, Inputs, Targets, Mask) = (steps, batchSize, keys, inputs, targets, mask);
    }

    /// <summary>T: time steps per sequence, padding included.</summary>
    public int Steps { get; }

    /// <summary>B: sequences in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>Values per frame (88 for piano keys).</summary>
    public int Keys { get; }

    /// <summary>T×B×keys.</summary>
    public float[] Inputs { get; }

    /// <summary>T×B×keys.</summary>
    public float[] Targets { get; }

    /// <summary>T×B.</summary>
    public float[] Mask { get; }

    /// <summary>Real (unpadded) frames, the count the loss is averaged over.</summary>
    public int Frames { get; }

    /// <summary>
    /// Next-frame prediction pairs from each roll (a roll of L frames gives L−1 pairs), padded to the longest.
    /// </summary>
    public static SequenceBatch FromRolls(IReadOnlyList<PianoRoll> rolls)
    {
        if (rolls.Count == 0)
        {
            throw new ArgumentException("an empty batch cannot be trained on", nameof(rolls));
        }

        int steps = rolls.Max(r => r.Steps) - 1, batch = rolls.Count, keys = PianoRoll.Keys;
        if (steps < 1)
        {
            throw new ArgumentException("every roll in the batch is shorter than two steps", nameof(rolls));
        }

        var inputs = new float[steps * batch * keys];
        var targets = new float[steps * batch * keys];
        var mask = new float[steps * batch];
        for (int b = 0; b < batch; b++)
        {
            PianoRoll roll = rolls[b];
            for (int t = 0; t < roll.Steps - 1; t++)
            {
                int row = (t * batch) + b;
                roll.CopyFrame(t, inputs.AsSpan(row * keys, keys));
                roll.CopyFrame(t + 1, targets.AsSpan(row * keys, keys));
                mask[row] = 1;
            }
        }

        return new SequenceBatch(steps, batch, keys, inputs, targets, mask);
    }

    private static void Check(float[] data, int expected, string name)
    {
        if (data.Length != expected)
        {
            throw new ArgumentException($"{name} has {data.Length} elements, expected {expected}", name);
        }

        if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(data))
        {
            throw new ArgumentException($"{name} contains NaN or infinity", name);
        }
    }
}
