using RollNet.Data;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// What a <see cref="TrainingRun"/> trains and for how long. A caller passes it to a new <see cref="TrainingRun"/> to
/// choose the model, the batches, the epochs and early stopping.
/// </summary>
public sealed record TrainingRunOptions
{
    /// <summary>The most training runs a checkpoint records: its own and those of the models it started from.</summary>
    internal const int MaxRecordedRuns = 32;

    /// <summary>The model to build; a resumed run takes the configuration saved in its checkpoint instead.</summary>
    public ModelConfig Model { get; init; } = ModelConfig.Paper;

    /// <summary>
    /// The optimizer, learning rate, clipping, truncated BPTT and seed (weights, dropout, batch order). A resumed
    /// run takes them from its checkpoint: the optimizer, learning rate and seed from its <see cref="TrainingState"/>,
    /// the rest from its <see cref="TrainingState.Settings"/>.
    /// </summary>
    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>
    /// A model whose weights a new run starts from instead of random ones, with a fresh optimizer: to train a model
    /// further on other music. <see cref="Model"/> must be its configuration, the dropout excepted; data whose grid is
    /// not known is taken to be at the grid the model learnt. Null starts from random weights; a resumed run continues
    /// from its own checkpoint.
    /// </summary>
    public Checkpoint? StartFrom { get; init; }

    /// <summary>Where the output biases of a new model start; a resumed run keeps those of its checkpoint.</summary>
    public OutputBiasStart OutputBias { get; init; } = OutputBiasStart.Frequencies;

    /// <summary>
    /// Moves each training sequence by a random number of semitones, at most this many either way, drawn afresh each
    /// epoch (see <see cref="RandomTransposition"/>); 0 trains on the music as it is.
    /// </summary>
    public int Transpose { get; init; }

    /// <summary>Epochs to train in all, counting those of the runs resumed.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Sequences per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Longest training sequence in frames; longer ones are cut (see <see cref="LengthBatcher"/>). 0 keeps them whole.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Epochs without a lower validation loss after which training stops; 0 never stops early.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>
    /// Multiplies the learning rate after every <see cref="DecayPatience"/> epochs in a row without a lower validation
    /// loss, so that a run stuck on a plateau or starting to overfit takes smaller steps. 1 keeps the rate.
    /// </summary>
    public float LearningRateDecay { get; init; } = 1f;

    /// <summary>Epochs without a lower validation loss before each <see cref="LearningRateDecay"/>; 0 never decays.</summary>
    public int DecayPatience { get; init; }

    /// <summary>
    /// Which model best.rollnet holds: by default the epoch with the lowest validation loss. Early stopping and the
    /// learning-rate decay follow the validation loss either way.
    /// </summary>
    public KeptModel Keep { get; init; } = KeptModel.LowestValidationLoss;

    /// <summary>
    /// The settings a run of these options records in its checkpoints, and a resumed run takes back from them
    /// (<see cref="TrainingState.Settings"/>).
    /// </summary>
    public TrainingSettings Settings => new()
    {
        LearningRate = Trainer.LearningRate,
        Momentum = Trainer.Momentum,
        ClipNorm = Trainer.ClipNorm,
        BpttSteps = Trainer.BpttSteps,
        BatchSize = BatchSize,
        MaxSteps = MaxSteps,
        Transpose = Transpose,
        LearningRateDecay = LearningRateDecay,
        DecayPatience = DecayPatience,
        Keep = Keep,
        Epochs = Epochs,
        Patience = Patience,
    };

    /// <summary>
    /// These options with <paramref name="recorded"/>'s settings, as a resumed run trains: all but
    /// <see cref="Epochs"/> and <see cref="Patience"/>, which stay these options' own.
    /// </summary>
    internal TrainingRunOptions Resuming(TrainingSettings recorded) => this with
    {
        Trainer = Trainer with
        {
            LearningRate = recorded.LearningRate,
            Momentum = recorded.Momentum,
            ClipNorm = recorded.ClipNorm,
            BpttSteps = recorded.BpttSteps,
        },
        BatchSize = recorded.BatchSize,
        MaxSteps = recorded.MaxSteps,
        Transpose = recorded.Transpose,
        LearningRateDecay = recorded.LearningRateDecay,
        DecayPatience = recorded.DecayPatience,
        Keep = recorded.Keep,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public TrainingRunOptions Validate()
    {
        Model.Validate();
        if (StartFrom is { } from && from.Config with { Dropout = Model.Dropout } != Model)
        {
            throw new ArgumentException(
                $"the model to start from is shaped otherwise than Model: {from.Config} against {Model}");
        }

        // Each run a model has been trained in nests one level deeper in its checkpoint's header, whose JSON has a depth limit.
        int runs = StartFrom is { } start ? TrainingCheckpoint.ReadState(start)?.Stages().Count() ?? 0 : 0;
        if (runs >= MaxRecordedRuns)
        {
            throw new ArgumentException(
                $"the model to start from records {runs} training runs, and a checkpoint records at most {MaxRecordedRuns}");
        }

        return Settings.Problem("the run's") is { } problem ? throw new ArgumentException(problem) : this;
    }
}
