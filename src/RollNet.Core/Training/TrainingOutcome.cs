namespace RollNet.Training;

/// <summary>
/// Why a <see cref="TrainingRun"/> stopped. A caller reads it from <see cref="TrainingRunResult.Outcome"/> to tell a
/// finished run from a cancelled or failed one.
/// </summary>
public enum TrainingOutcome
{
    /// <summary>It trained every epoch asked for.</summary>
    Completed,

    /// <summary>The validation loss stopped improving for <see cref="TrainingRunOptions.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>It was cancelled; last.rollnet holds the model after the last batch, to resume from.</summary>
    Cancelled,

    /// <summary>A loss or gradient became NaN or infinite; the checkpoints are those of the last good epoch.</summary>
    NonFiniteLoss,

    /// <summary>
    /// A parameter grew beyond <see cref="Model.Checkpoint.MaxParameterMagnitude"/>, or the optimizer's state beyond a
    /// float, so the model could not be saved (a learning rate far too large); the checkpoints are those of the last
    /// good epoch.
    /// </summary>
    Diverged,
}
