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
    /// The log-probability the model gives each key of each frame of <paramref name="roll"/> (T×K, step-major, nats):
    /// given the frames before it (the first frame given one silent frame, as generation starts) and, with a head whose
    /// keys depend on each other, given the keys below it in the frame. They sum to log p(roll); a sum over some keys
    /// of each frame says how likely those keys are given what the model saw before them.
    /// </summary>
    /// <exception cref="ArgumentException">The model does not take and predict frames of 88 keys.</exception>
    public static double[] KeyLogProbabilities(InferenceRunner runner, PianoRoll roll)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(roll);
        const int keys = PianoRoll.Keys;
        if (runner.Model.Config.InputSize != keys || runner.Model.Config.OutputSize != keys)
        {
            throw new ArgumentException($"the model does not take and predict frames of {keys} keys", nameof(runner));
        }

        var result = new double[roll.Steps * keys];
        if (roll.Steps == 0)
        {
            return result;
        }

        var inputs = new float[roll.Steps * keys];
        for (int t = 1; t < roll.Steps; t++)
        {
            roll.CopyFrame(t - 1, inputs.AsSpan(t * keys, keys));
        }

        runner.ResetState(1);
        runner.Feed(inputs, roll.Steps, 1);
        var target = new float[keys];
        for (int t = 0; t < roll.Steps; t++)
        {
            roll.CopyFrame(t, target);
            runner.KeyLogProbabilities(t, target, result.AsSpan(t * keys, keys));
        }

        return result;
    }

    /// <summary>
    /// Runs every roll of two frames or more through <paramref name="runner"/>'s model, without dropout,
    /// in batches of similar length, and returns the frame metrics summed over all of them, a key counting as
    /// predicted when its probability exceeds <paramref name="threshold"/>; the weights may be rounded to
    /// <paramref name="precision"/> as generation can.
    /// </summary>
    /// <param name="runner">Runs the model.</param>
    /// <param name="rolls">The sequences.</param>
    /// <param name="batchSize">Sequences per pass.</param>
    /// <param name="precision">The precision of the weights' products.</param>
    /// <param name="threshold">The probability a key must exceed to count as predicted.</param>
    /// <param name="marginalSamples">0: with the NADE head, each key is decided in turn given the keys below it
    /// already decided (a greedy decode; see <see cref="InferenceRunner.LogOdds"/>). S &gt; 0: each key by its marginal
    /// probability, estimated from S frames drawn per step (<see cref="InferenceRunner.MarginalLogOdds"/>). The
    /// sigmoid head's keys are independent, so both give its own probabilities.</param>
    public static FrameMetrics Measure(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        MatrixPrecision precision = MatrixPrecision.Float32, double threshold = 0.5, int marginalSamples = 0) =>
        Measure(runner, rolls, batchSize, [threshold], precision, marginalSamples)[0];

    /// <summary>
    /// As <see cref="Measure(InferenceRunner, IReadOnlyList{PianoRoll}, int, MatrixPrecision, double, int)"/> at each
    /// of <paramref name="thresholds"/>, running the model once (and drawing marginal samples once).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="marginalSamples"/> is negative.</exception>
    public static FrameMetrics[] Measure(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        IReadOnlyList<double> thresholds, MatrixPrecision precision = MatrixPrecision.Float32, int marginalSamples = 0)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentOutOfRangeException.ThrowIfNegative(marginalSamples);
        FrameMetrics[] metrics = [.. thresholds.Select(t => new FrameMetrics(t))];
        ulong batchIndex = 0;
        foreach (IReadOnlyList<PianoRoll> rollsOfBatch in new LengthBatcher(rolls, batchSize, seed: 0).Batches)
        {
            var batch = SequenceBatch.FromRolls(rollsOfBatch);
            double loss = runner.Evaluate(batch, precision);
            ReadOnlySpan<float> marginal = marginalSamples > 0
                ? runner.MarginalLogOdds(marginalSamples, seed: batchIndex++)
                : default;
            foreach (FrameMetrics each in metrics)
            {
                each.Add(marginalSamples > 0 ? marginal : runner.LogOdds(each.Threshold), batch.Targets, batch.Mask,
                    batch.Keys, loss);
            }
        }

        return metrics;
    }

    /// <summary>
    /// The threshold of <see cref="ThresholdGrid"/> at which the model's Bay accuracy on <paramref name="rolls"/> is
    /// highest (the lowest such threshold on a tie), keys decided as <paramref name="marginalSamples"/> says (see
    /// <see cref="Measure(InferenceRunner, IReadOnlyList{PianoRoll}, int, MatrixPrecision, double, int)"/>). Chosen on
    /// validation data and applied to test data, it trades the missed notes a model unsure of itself leaves out against
    /// the wrong ones it would add.
    /// </summary>
    public static double ChooseThreshold(InferenceRunner runner, IReadOnlyList<PianoRoll> rolls, int batchSize,
        MatrixPrecision precision = MatrixPrecision.Float32, int marginalSamples = 0)
    {
        FrameMetrics[] metrics = Measure(runner, rolls, batchSize, ThresholdGrid, precision, marginalSamples);
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
