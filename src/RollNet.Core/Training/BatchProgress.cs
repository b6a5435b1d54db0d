namespace RollNet.Training;

/// <summary>
/// Where a <see cref="TrainingRun"/> stands after a batch. <see cref="TrainingRun.BatchCompleted"/> passes one so a
/// caller can show progress.
/// </summary>
/// <param name="Epoch">The epoch being trained, 1-based.</param>
/// <param name="Batch">Batches of this epoch done, 1-based.</param>
/// <param name="Batches">Batches in an epoch.</param>
/// <param name="TrainLoss">The training loss per frame so far in this epoch (nats).</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches, double TrainLoss);
