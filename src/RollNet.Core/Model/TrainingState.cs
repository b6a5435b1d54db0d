namespace RollNet.Model;

/// <summary>
/// Where a training run stands, saved in a <see cref="Checkpoint"/> so that it can be resumed. Fields not marked
/// required may be missing from older checkpoints and then take their defaults.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs completed.</summary>
    public required int Epoch { get; init; }

    /// <summary>Optimizer updates applied so far (<see cref="Training.IOptimizer.Steps"/>).</summary>
    public required long Updates { get; init; }

    /// <summary>The run's seed (dropout masks, shuffling).</summary>
    public required ulong Seed { get; init; }

    /// <summary>The optimizer's <see cref="Training.IOptimizer.Kind"/>: "adam" or "sgd".</summary>
    public required string Optimizer { get; init; }

    /// <summary>The current learning rate.</summary>
    public required float LearningRate { get; init; }

    /// <summary>The lowest validation loss seen, or null before the first validation.</summary>
    public double? BestValidationLoss { get; init; }

    /// <summary>Epochs since the validation loss last improved (for early stopping).</summary>
    public int EpochsWithoutImprovement { get; init; }
}
