namespace RollNet.Training;

/// <summary>
/// Which model a <see cref="TrainingRun"/> keeps in <see cref="TrainingRun.BestFileName"/>. A caller chooses it as
/// <see cref="TrainingRunOptions.Keep"/>.
/// </summary>
public enum KeptModel
{
    /// <summary>The epoch with the lowest validation loss so far.</summary>
    LowestValidationLoss,

    /// <summary>
    /// The last epoch trained: for data whose validation split says little about the model wanted, such as music a
    /// model drew itself to be trained further on.
    /// </summary>
    LastEpoch,
}
