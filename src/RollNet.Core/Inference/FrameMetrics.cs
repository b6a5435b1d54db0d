namespace RollNet.Inference;

/// <summary>
/// Frame-level prediction quality, accumulated over batches. A key is predicted on when its probability exceeds the
/// threshold, 0.5 unless given (its logit is positive). Counts are summed over all real frames before any ratio is
/// taken, as Bay et al. (2009) do, so long and short sequences weigh by their frames. <see cref="Evaluation"/>
/// returns them so a caller can read a model's loss, accuracy, precision and recall on a set of rolls.
/// </summary>
public sealed class FrameMetrics
{
    /// <summary>The logit of the threshold: comparing logits spares a sigmoid per key, and 0.5 is exactly zero.</summary>
    private readonly float _logitThreshold;

    /// <summary>Metrics that count a key as predicted when its probability exceeds <paramref name="threshold"/>.</summary>
    public FrameMetrics(double threshold = 0.5)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                "the decision threshold is a probability strictly between 0 and 1");
        }

        Threshold = threshold;
        _logitThreshold = (float)Math.Log(threshold / (1 - threshold));
    }

    /// <summary>The probability a key must exceed to count as predicted.</summary>
    public double Threshold { get; }

    /// <summary>Real frames seen.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames whose predicted keys are exactly the true keys (all and only the right notes).</summary>
    public long ExactFrames { get; private set; }

    /// <summary>Keys predicted on that sound in the target frame, summed over real frames.</summary>
    public long TruePositives { get; private set; }

    /// <summary>Keys predicted on that are silent in the target frame, summed over real frames.</summary>
    public long FalsePositives { get; private set; }

    /// <summary>Keys that sound in the target frame but were not predicted, summed over real frames.</summary>
    public long FalseNegatives { get; private set; }

    /// <summary>The output head's negative log-likelihood summed over frames (nats).</summary>
    public double LossSum { get; private set; }

    /// <summary>Negative log-likelihood per frame (nats, summed over the keys).</summary>
    public double LossPerFrame => Ratio(LossSum, Frames);

    /// <summary>The paper's strict frame accuracy: the share of frames predicted exactly.</summary>
    public double StrictAccuracy => Ratio(ExactFrames, Frames);

    /// <summary>Bay et al. frame accuracy, TP / (TP + FP + FN); 1 when there was nothing to find and nothing was found.</summary>
    public double BayAccuracy => RatioOrOne(TruePositives, TruePositives + FalsePositives + FalseNegatives);

    /// <summary>TP / (TP + FP): the share of predicted notes that sound; 1 when nothing was predicted.</summary>
    public double Precision => RatioOrOne(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN): the share of sounding notes that were predicted; 1 when nothing sounded.</summary>
    public double Recall => RatioOrOne(TruePositives, TruePositives + FalseNegatives);

    /// <summary>The harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Adds the frames of one batch: the log-odds that each key sounds and the targets, rows×keys, mask one entry per row.</summary>
    public void Add(ReadOnlySpan<float> logOdds, ReadOnlySpan<float> targets, ReadOnlySpan<float> mask, int keys,
        double lossSum)
    {
        if (logOdds.Length != mask.Length * keys || targets.Length != logOdds.Length)
        {
            throw new ArgumentException(
                $"log-odds ({logOdds.Length}), targets ({targets.Length}) and mask ({mask.Length}×{keys}) disagree");
        }

        for (int row = 0; row < mask.Length; row++)
        {
            if (mask[row] == 0)
            {
                continue;
            }

            bool exact = true;
            for (int k = 0; k < keys; k++)
            {
                bool predicted = logOdds[(row * keys) + k] > _logitThreshold, actual = targets[(row * keys) + k] != 0;
                TruePositives += predicted && actual ? 1 : 0;
                FalsePositives += predicted && !actual ? 1 : 0;
                FalseNegatives += !predicted && actual ? 1 : 0;
                exact &= predicted == actual;
            }

            Frames++;
            ExactFrames += exact ? 1 : 0;
        }

        LossSum += lossSum;
    }

    private static double Ratio(double numerator, double denominator) =>
        denominator == 0 ? double.NaN : numerator / denominator;

    private static double RatioOrOne(long numerator, long denominator) =>
        denominator == 0 ? 1 : (double)numerator / denominator;
}
