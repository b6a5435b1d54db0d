using RollNet.Data;

namespace RollNet.Training;

/// <summary>
/// The settings of a <see cref="TrainingRun"/> that its checkpoints record (<see cref="TrainingState.Settings"/>), so
/// that a resumed run goes on as the run began: the batches, the updates, the learning-rate schedule, the model kept,
/// and how long to train. A caller reads them to see how a model was trained; a resumed run takes them back, all but
/// <see cref="Epochs"/> and <see cref="Patience"/>, which it takes from its options so that a run can be trained for
/// longer.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>The learning rate the run started at (<see cref="TrainerOptions.LearningRate"/>).</summary>
    public required float LearningRate { get; init; }

    /// <summary>SGD's momentum (<see cref="TrainerOptions.Momentum"/>).</summary>
    public required float Momentum { get; init; }

    /// <summary>The largest gradient norm, 0 for no clipping (<see cref="TrainerOptions.ClipNorm"/>).</summary>
    public required float ClipNorm { get; init; }

    /// <summary>Steps per truncated-BPTT chunk, 0 for whole sequences (<see cref="TrainerOptions.BpttSteps"/>).</summary>
    public required int BpttSteps { get; init; }

    /// <summary>Sequences per batch (<see cref="TrainingRunOptions.BatchSize"/>).</summary>
    public required int BatchSize { get; init; }

    /// <summary>The longest training sequence, 0 for whole ones (<see cref="TrainingRunOptions.MaxSteps"/>).</summary>
    public required int MaxSteps { get; init; }

    /// <summary>The largest random transposition in semitones (<see cref="TrainingRunOptions.Transpose"/>).</summary>
    public required int Transpose { get; init; }

    /// <summary>The learning-rate decay factor (<see cref="TrainingRunOptions.LearningRateDecay"/>).</summary>
    public required float LearningRateDecay { get; init; }

    /// <summary>Epochs without improvement before each decay (<see cref="TrainingRunOptions.DecayPatience"/>).</summary>
    public required int DecayPatience { get; init; }

    /// <summary>The model best.rollnet holds (<see cref="TrainingRunOptions.Keep"/>).</summary>
    public required KeptModel Keep { get; init; }

    /// <summary>Epochs to train in all (<see cref="TrainingRunOptions.Epochs"/>); the latest a resumed run was given.</summary>
    public required int Epochs { get; init; }

    /// <summary>
    /// Epochs without improvement before early stopping (<see cref="TrainingRunOptions.Patience"/>); the latest a
    /// resumed run was given.
    /// </summary>
    public required int Patience { get; init; }

    /// <summary>
    /// What is out of range, named by where it lies (<paramref name="where"/>, such as "training settings"), or null:
    /// the ranges <see cref="TrainingRunOptions.Validate"/> accepts, all of them finite, as JSON requires.
    /// </summary>
    internal string? Problem(string where) => this switch
    {
        _ when LearningRateProblem(where, LearningRate) is { } problem => problem,
        _ when !(Momentum is >= 0 and < 1) => $"{where} momentum {Momentum} is not in [0, 1)",
        _ when !(ClipNorm >= 0) || !float.IsFinite(ClipNorm) => $"{where} clipNorm {ClipNorm} is not a number of at least 0",
        { BpttSteps: < 0 } => $"{where} bpttSteps {BpttSteps} is negative",
        { BatchSize: < 1 } => $"{where} batchSize {BatchSize} is not positive",
        { MaxSteps: < 0 or 1 } => $"{where} maxSteps {MaxSteps} is neither 0 nor at least 2",
        { Transpose: < 0 or >= PianoRoll.Keys } => $"{where} transpose {Transpose} is not from 0 to {PianoRoll.Keys - 1}",
        _ when !(LearningRateDecay is > 0 and <= 1) => $"{where} learningRateDecay {LearningRateDecay} is not in (0, 1]",
        { DecayPatience: < 0 } => $"{where} decayPatience {DecayPatience} is negative",
        _ when !Enum.IsDefined(Keep) => $"{where} keep {Keep} is not one of {string.Join(", ", Enum.GetNames<KeptModel>())}",
        { Epochs: < 1 } => $"{where} epochs {Epochs} is not positive",
        { Patience: < 0 } => $"{where} patience {Patience} is negative",
        _ => null,
    };

    /// <summary>
    /// What is wrong with <paramref name="rate"/> as a learning rate, named by where it lies, or null: the rate a run
    /// starts at and the rate it has reached must both be positive and finite.
    /// </summary>
    internal static string? LearningRateProblem(string where, float rate) =>
        rate > 0 && float.IsFinite(rate) ? null : $"{where} learningRate {rate} is not a positive number";
}
