using System.Text.Json.Serialization;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// Where a training run stands, saved in a <see cref="Checkpoint"/>'s header (<see cref="TrainingCheckpoint"/>) so that
/// it can be resumed. Fields not marked required may be missing from older checkpoints and then take their defaults.
/// A caller reads it with <see cref="TrainingCheckpoint.ReadState"/> or from <see cref="TrainingRunResult.State"/> to
/// see how far training got.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs completed.</summary>
    public required int Epoch { get; init; }

    /// <summary>Optimizer updates applied so far (<see cref="IOptimizer.Steps"/>).</summary>
    public required long Updates { get; init; }

    /// <summary>The run's seed (dropout masks, shuffling).</summary>
    public required ulong Seed { get; init; }

    /// <summary>The optimizer's <see cref="IOptimizer.Kind"/>; written "adam" or "sgd".</summary>
    public required OptimizerKind Optimizer { get; init; }

    /// <summary>The current learning rate.</summary>
    public required float LearningRate { get; init; }

    /// <summary>The lowest validation loss seen, or null before the first validation.</summary>
    public double? BestValidationLoss { get; init; }

    /// <summary>The short name of the dataset trained on (<see cref="RollNet.Data.PianoRollDataset.Name"/>), or null when unknown.</summary>
    public string? Data { get; init; }

    /// <summary>
    /// Where the model this run started from stood (<see cref="TrainingRunOptions.StartFrom"/>), with in turn the
    /// model that one started from, so that a model trained further records all it learnt; null, and not written, for
    /// a run that started from random weights or from a model that records no training.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainingState? StartedFrom { get; init; }

    /// <summary>
    /// This state, then that of the model its run started from (<see cref="StartedFrom"/>), and so on back to the run
    /// that started from random weights: every run the model was trained in, the latest first.
    /// </summary>
    public IEnumerable<TrainingState> Stages()
    {
        for (TrainingState? stage = this; stage is not null; stage = stage.StartedFrom)
        {
            yield return stage;
        }
    }

    /// <summary>
    /// Steps per quarter note of the data trained on (<see cref="RollNet.Data.PianoRollDataset.StepsPerQuarter"/>): the grid
    /// the model's music moves on. Null when unknown.
    /// </summary>
    public int? StepsPerQuarter { get; init; }

    /// <summary>
    /// True when the run learnt only the highest sounding key of each frame of its data (<c>--top-voice</c>,
    /// <see cref="RollNet.Data.PianoRollDataset.IsTopVoice"/>), so that its music is held against the data's melodies;
    /// null, and not written, otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TopVoice { get; init; }

    /// <summary>
    /// A fingerprint of the train and valid pieces the run learnt from (16 hexadecimal digits of a SHA-256 of them), so
    /// that a resumed run can tell its music from other music of the same name; null, and not written, in checkpoints
    /// of runs that did not record it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DataFingerprint { get; init; }

    /// <summary>
    /// The run's settings (<see cref="TrainingRunOptions.Settings"/>), which a resumed run takes back; null, and not
    /// written, in checkpoints of runs that did not record them, whose resumed runs take the settings they are given.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainingSettings? Settings { get; init; }

    /// <summary>Epochs since the validation loss last improved (for early stopping).</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>
    /// Batches of epoch <see cref="Epoch"/> + 1 already trained, when the run stopped inside that epoch; 0 at an
    /// epoch's end. With <see cref="EpochLossSum"/> and <see cref="EpochFrames"/> it lets a resumed run finish the
    /// epoch exactly as an uninterrupted one would.
    /// </summary>
    public int EpochBatches { get; init; }

    /// <summary>The training loss summed over the batches of <see cref="EpochBatches"/> (nats).</summary>
    public double EpochLossSum { get; init; }

    /// <summary>The real frames of the batches of <see cref="EpochBatches"/>.</summary>
    public long EpochFrames { get; init; }
}
