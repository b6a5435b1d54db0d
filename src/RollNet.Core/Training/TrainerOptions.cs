namespace RollNet.Training;

/// <summary>
/// How a <see cref="TrainingRun"/> turns each batch into an update: the optimizer, its rates, clipping and BPTT. A
/// caller sets <see cref="TrainingRunOptions.Trainer"/> to one to choose them.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>The update rule: Adam unless set.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Step size; 1e-3 suits Adam, about 0.01–0.1 suits SGD.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>SGD momentum μ.</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>Largest global L2 norm of the gradient; larger gradients are scaled down to it. 0 turns clipping off.</summary>
    public float ClipNorm { get; init; } = 5f;

    /// <summary>Steps per truncated-BPTT chunk; 0 backpropagates through whole sequences.</summary>
    public int BpttSteps { get; init; }

    /// <summary>Fixes the dropout masks (together with the update count).</summary>
    public ulong Seed { get; init; } = 1;
}
