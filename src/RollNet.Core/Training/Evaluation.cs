using RollNet.Compute;
using RollNet.Data;

namespace RollNet.Training;

/// <summary>Measures a model on a whole set of sequences.</summary>
public static class Evaluation
{
    /// <summary>
    /// Runs every roll of two frames or more through <paramref name="trainer"/>'s model, without dropout or update,
    /// in batches of similar length, and returns the frame metrics summed over all of them; the weights may be
    /// narrowed to <paramref name="precision"/> as generation can.
    /// </summary>
    public static FrameMetrics Measure(Trainer trainer, IReadOnlyList<PianoRoll> rolls, int batchSize,
        MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var metrics = new FrameMetrics();
        foreach (IReadOnlyList<PianoRoll> batch in new LengthBatcher(rolls, batchSize, seed: 0).Batches)
        {
            trainer.Evaluate(SequenceBatch.FromRolls(batch), metrics, precision);
        }

        return metrics;
    }
}
