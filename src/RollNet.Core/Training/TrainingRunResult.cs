using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// How a <see cref="TrainingRun"/> ended. <see cref="TrainingRun.Run(bool, CancellationToken)"/> returns it so a caller can see why training
/// stopped and which epoch was best.
/// </summary>
/// <param name="Outcome">Why it stopped.</param>
/// <param name="State">Where training stands: the state of last.rollnet, or of the step that failed.</param>
/// <param name="History">Every epoch's record, including those of the runs it resumed.</param>
/// <param name="Problem">
/// What went wrong, for <see cref="TrainingOutcome.NonFiniteLoss"/> and <see cref="TrainingOutcome.Diverged"/>;
/// otherwise null.
/// </param>
/// <param name="Keep">Which model the run kept in best.rollnet (<see cref="TrainingRunOptions.Keep"/>).</param>
public sealed record TrainingRunResult(
    TrainingOutcome Outcome, TrainingState State, IReadOnlyList<EpochRecord> History, string? Problem = null,
    KeptModel Keep = KeptModel.LowestValidationLoss)
{
    /// <summary>The epoch with the lowest validation loss, or null before any epoch.</summary>
    public EpochRecord? Best => History.Count == 0 ? null : History.MinBy(r => r.ValidLoss);

    /// <summary>The epoch whose model best.rollnet holds, as <see cref="Keep"/> chose it, or null before any epoch.</summary>
    public EpochRecord? Kept => Keep == KeptModel.LastEpoch ? History.LastOrDefault() : Best;
}
