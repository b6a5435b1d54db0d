namespace RollNet.Model;

/// <summary>The JSON header of a checkpoint file; docs/FORMAT.md describes each field.</summary>
internal sealed record CheckpointHeader(
    CheckpointHeaderConfig Config,
    IReadOnlyList<CheckpointHeaderTensor> Tensors,
    TrainingState? Training = null);
