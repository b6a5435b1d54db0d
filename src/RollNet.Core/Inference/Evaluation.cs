using RollNet.Compute;
using RollNet.Data;
using RollNet.Model;

namespace RollNet.Inference;

/// <summary>Measures a model on a whole set of sequences.</summary>
public static class Evaluation
{
    /// <summary>The decision thresholds <see cref="ChooseThreshold"/> tries: 0.01, 0.02, …, 0.99.</summary>
    public static IReadOnlyList<double> ThresholdGrid { get; } = [.. Enumerable.Range(1, 99).Select(i => i / 100.0)];

    /// <summary>
    /// Runs every roll of two frames or more through <paramref name="runner"/>'s model, without dropout,
    /// in batches of similar length, and returns the frame metrics summed over all of them, a key counting as
    /// predicted when its probability exceeds <paramref name="threshold"/>; the weights may be rounded to
    /// <paramref name="precision"/> as generation can.
    /// </summary>
    public static FrameMetrics Measure(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        MatrixPrecision precision = MatrixPrecision.Float32, double threshold = 0.5) =>
        Measure(runner, rolls, batchSize, [threshold], precision)[0];

    /// <summary>
    /// As <see cref="Measure(InferenceRunner, IReadOnlyList{PianoRoll}, int, MatrixPrecision, double)"/> at each of
    /// <paramref name="thresholds"/>, running the model once.
    /// </summary>
    public static FrameMetrics[] Measure(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        IReadOnlyList<double> thresholds, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(thresholds);
        FrameMetrics[] metrics = [.. thresholds.Select(t => new FrameMetrics(t))];
        foreach (IReadOnlyList<PianoRoll> rollsOfBatch in new LengthBatcher(rolls, batchSize, seed: 0).Batches)
        {
            var batch = SequenceBatch.FromRolls(rollsOfBatch);
            double loss = runner.Evaluate(batch, precision);
            foreach (FrameMetrics each in metrics)
            {
                each.Add(runner.LogOdds(each.Threshold), batch.Targets, batch.Mask, batch.Keys, loss);
            }
        }

        return metrics;
    }

    /// <summary>
    /// The threshold of <see cref="ThresholdGrid"/> at which the model's Bay accuracy on <paramref name="rolls"/> is
    /// highest (the lowest such threshold on a tie). Chosen on validation data and applied to test data, it trades
    /// the missed notes a model unsure of itself leaves out against the wrong ones it would add.
    /// </summary>
    public static double ChooseThreshold(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        MatrixPrecision precision = MatrixPrecision.Float32)
    {
        FrameMetrics[] metrics = Measure(runner, rolls, batchSize, ThresholdGrid, precision);
        FrameMetrics best = metrics[0];
        foreach (FrameMetrics candidate in metrics)
        {
            best = candidate.BayAccuracy > best.BayAccuracy ? candidate : best;
        }

        return best.Threshold;
    }

    /// <summary>
    /// The probability <paramref name="model"/> gives each key of the next frame after each frame of
    /// <paramref name="roll"/>, without dropout and from a zero state: T×88, row t predicting frame t + 1 from frames
    /// 0..t (so the last row predicts past the end).
    /// </summary>
    public static float[] Predict(RollModel model, PianoRoll roll, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(roll);
        if (model.Config.InputSize != PianoRoll.Keys || model.Config.OutputSize != PianoRoll.Keys)
        {
            throw new ArgumentException(
                $"prediction needs a model of {PianoRoll.Keys} keys in and out, not {model.Config.InputSize} and {model.Config.OutputSize}");
        }

        var frames = new float[roll.Steps * PianoRoll.Keys]; // T×K
        if (roll.Steps == 0)
        {
            return frames;
        }

        for (int t = 0; t < roll.Steps; t++)
        {
            roll.CopyFrame(t, frames.AsSpan(t * PianoRoll.Keys, PianoRoll.Keys));
        }

        using var runner = new InferenceRunner(model);
        runner.Feed(frames, roll.Steps, 1, precision);
        runner.Probabilities(frames);
        return frames;
    }
}
