namespace RollNet.Training;

/// <summary>
/// What one epoch of a <see cref="TrainingRun"/> achieved: a row of its metrics.csv.
/// <see cref="TrainingRun.EpochCompleted"/> and <see cref="TrainingRunResult.History"/> give them so a caller can
/// follow and report the losses and accuracies.
/// </summary>
/// <param name="Epoch">1 for the first epoch.</param>
/// <param name="TrainLoss">The training loss per frame (nats), averaged over the epoch's batches as they were trained, with dropout.</param>
/// <param name="ValidLoss">Negative log-likelihood per frame on the validation split after the epoch (nats).</param>
/// <param name="ValidStrictAccuracy">The paper's strict frame accuracy on the validation split.</param>
/// <param name="ValidBayAccuracy">Bay et al.'s frame accuracy, TP / (TP + FP + FN), on the validation split.</param>
/// <param name="Seconds">Wall time of the epoch's training and validation (of the part after a resume only).</param>
public sealed record EpochRecord(
    int Epoch, double TrainLoss, double ValidLoss, double ValidStrictAccuracy, double ValidBayAccuracy, double Seconds);
