namespace RollNet.Training;

/// <summary>What one batch of training did.</summary>
/// <param name="LossSum">The output head's negative log-likelihood summed over real frames (nats).</param>
/// <param name="Frames">Real frames in the batch.</param>
/// <param name="GradientNorm">Global L2 norm of the last chunk's gradient, before clipping.</param>
internal readonly record struct TrainStepResult(double LossSum, int Frames, double GradientNorm)
{
    /// <summary>Negative log-likelihood per frame (nats).</summary>
    public double LossPerFrame => LossSum / Frames;
}
