using System.Collections.Immutable;
using System.Text.Json;
using RollNet.Compute;
using RollNet.Data;
using RollNet.IO;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// Checkpoints as training writes them: a program loads any checkpoint file with <see cref="Load(string)"/> and reads
/// where its training stood (<see cref="TrainingState"/>, the header's "training" object) with <see cref="ReadState"/>.
/// Internally it also captures a model with its optimizer's state and restores an optimizer, for a resumed
/// <see cref="TrainingRun"/>.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>
    /// Copies the parameters of <paramref name="model"/> and the state of <paramref name="optimizer"/> to the host,
    /// with <paramref name="state"/> as the training section. Throws <see cref="ArgumentException"/> when
    /// <paramref name="state"/> names another optimizer or update count than <paramref name="optimizer"/> or holds a
    /// non-finite number, and <see cref="InvalidOperationException"/> when a parameter or state value is NaN or
    /// infinite, or a parameter is over <see cref="Checkpoint.MaxParameterMagnitude"/>, since such a checkpoint could
    /// not be loaded.
    /// </summary>
    internal static Checkpoint Capture(RollModel model, IOptimizer? optimizer = null, TrainingState? state = null) =>
        TryCapture(model, optimizer, state, out string? problem)
            ?? throw new InvalidOperationException($"cannot checkpoint the model: {problem}");

    /// <summary>
    /// As <see cref="Capture"/>, but where a parameter or state value is NaN or infinite, or a parameter is over
    /// <see cref="Checkpoint.MaxParameterMagnitude"/>, returns null and says which in <paramref name="problem"/>.
    /// </summary>
    internal static Checkpoint? TryCapture(RollModel model, IOptimizer? optimizer, TrainingState? state, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (optimizer is not null && state is not null &&
            (state.Optimizer != optimizer.Kind || state.Updates != optimizer.Steps))
        {
            throw new ArgumentException(
                $"the training state records {state.Optimizer} after {state.Updates} updates but the optimizer is {optimizer.Kind} after {optimizer.Steps}",
                nameof(state));
        }

        // JSON has no NaN or infinity, so the header could not be written.
        if (state is not null &&
            (!float.IsFinite(state.LearningRate) || !double.IsFinite(state.EpochLossSum) ||
             (state.BestValidationLoss is { } best && !double.IsFinite(best))))
        {
            throw new ArgumentException(
                $"the training state's learning rate ({state.LearningRate}), best validation loss ({state.BestValidationLoss}) and epoch loss sum ({state.EpochLossSum}) must be finite",
                nameof(state));
        }

        var optimizerState = new List<CheckpointTensor>();
        foreach ((string name, DeviceBuffer buffer) in optimizer?.State ?? [])
        {
            var data = new float[buffer.Length];
            buffer.Backend.Download(buffer.All, data);
            optimizerState.Add(new CheckpointTensor(name, ImmutableArray.Create(buffer.Length), data.AsMemory()));
        }

        JsonElement? training = state is null
            ? null
            : JsonSerializer.SerializeToElement(state, TrainingStateJsonContext.Default.TrainingState);
        return Checkpoint.TryCapture(model, new CheckpointHeader(model.Config, training), optimizerState, out problem);
    }

    /// <summary>
    /// The training state <paramref name="checkpoint"/> carries, or null for a checkpoint of the model alone. Throws
    /// <see cref="ArgumentException"/> when its training section is not a valid training state, which
    /// <see cref="Load(string)"/> and <see cref="Capture"/> rule out.
    /// </summary>
    public static TrainingState? ReadState(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        (TrainingState? state, string? problem) = Parse(checkpoint.Header.Training);
        return problem is null
            ? state
            : throw new ArgumentException($"the checkpoint's training section is invalid: {problem}", nameof(checkpoint));
    }

    /// <summary>
    /// Reads a checkpoint as <see cref="CheckpointCodec.Load(string)"/> does and checks its training section too; any
    /// problem is a <see cref="CheckpointException"/> naming <paramref name="path"/>.
    /// </summary>
    public static Checkpoint Load(string path) => Checked(CheckpointCodec.Load(path), path);

    /// <summary>
    /// Reads a checkpoint from <paramref name="stream"/> as <see cref="CheckpointCodec.Load(Stream, string)"/> does and
    /// checks its training section too; any problem is a <see cref="CheckpointException"/> naming
    /// <paramref name="name"/>. Throws <see cref="ArgumentException"/> when the stream is not readable and seekable.
    /// </summary>
    public static Checkpoint Load(Stream stream, string name) => Checked(CheckpointCodec.Load(stream, name), name);

    /// <summary>
    /// Uploads the saved state buffers into <paramref name="optimizer"/> and sets its step count to
    /// <see cref="TrainingState.Updates"/>. Throws <see cref="InvalidOperationException"/>, changing nothing, when the
    /// checkpoint has no training state or was made with another kind of optimizer or for another model size, and
    /// <see cref="ArgumentException"/> as <see cref="ReadState"/> does.
    /// </summary>
    internal static void Restore(Checkpoint checkpoint, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(optimizer);
        TrainingState state = ReadState(checkpoint)
            ?? throw new InvalidOperationException("the checkpoint holds no training state, so the optimizer's update count is unknown");
        if (state.Optimizer != optimizer.Kind)
        {
            throw new InvalidOperationException($"the checkpoint was trained with {state.Optimizer}, not {optimizer.Kind}");
        }

        CheckpointTensor[] saved = [.. checkpoint.OptimizerState];
        var restores = new List<(CheckpointTensor Saved, DeviceBuffer Buffer)>();
        foreach ((string name, DeviceBuffer buffer) in optimizer.State)
        {
            CheckpointTensor? tensor = saved.FirstOrDefault(t => t.Name == name);
            if (tensor is null)
            {
                string held = string.Join(", ", saved.Select(t => t.Name).DefaultIfEmpty("none"));
                throw new InvalidOperationException(
                    $"the checkpoint holds no {name} optimizer state (its optimizer state: {held})");
            }

            if (tensor.Data.Length != buffer.Length)
            {
                throw new InvalidOperationException(
                    $"the checkpoint's {name} holds {tensor.Data.Length} values but the optimizer's holds {buffer.Length}");
            }

            restores.Add((tensor, buffer));
        }

        foreach ((CheckpointTensor tensor, DeviceBuffer buffer) in restores)
        {
            buffer.Backend.Upload(tensor.Data.Span, buffer.All);
        }

        optimizer.Steps = state.Updates;
    }

    private static Checkpoint Checked(Checkpoint checkpoint, string name)
    {
        (_, string? problem) = Parse(checkpoint.Header.Training);
        return problem is null ? checkpoint : throw new CheckpointException(name, problem);
    }

    /// <summary>The training state a header's training section holds, or what is wrong with it.</summary>
    private static (TrainingState? State, string? Problem) Parse(JsonElement? training)
    {
        if (training is not { } element)
        {
            return (null, null);
        }

        TrainingState? state;
        try
        {
            state = element.Deserialize(TrainingStateJsonContext.Default.TrainingState);
        }
        catch (JsonException e)
        {
            // The enum converter's message names the type, not the value the file holds.
            return e.Path == "$.optimizer" && element.TryGetProperty("optimizer", out JsonElement optimizer)
                ? (null, $"unknown optimizer {optimizer.GetRawText()}")
                : (null, JsonProblem.Describe(element, TrainingStateJsonContext.Default.TrainingState, e, "malformed header: training"));
        }

        string? problem = state is null ? "malformed header: training is null rather than an object" : Problem(state, "training");
        return problem is null ? (state, null) : (null, problem);
    }

    // What is wrong with a state, or with a state it started from, named by where it lies ("training startedFrom").
    private static string? Problem(TrainingState state, string where) => state switch
    {
        { Epoch: < 0 } => $"{where} epoch {state.Epoch} is negative",
        { Updates: < 0 } => $"{where} update count {state.Updates} is negative",
        _ when TrainingSettings.LearningRateProblem(where, state.LearningRate) is { } problem => problem,
        { EpochsWithoutImprovement: < 0 } => $"{where} epochsWithoutImprovement {state.EpochsWithoutImprovement} is negative",
        { EpochBatches: < 0 } => $"{where} epochBatches {state.EpochBatches} is negative",
        { EpochFrames: < 0 } => $"{where} epochFrames {state.EpochFrames} is negative",
        { StepsPerQuarter: < 1 } => $"{where} stepsPerQuarter {state.StepsPerQuarter} is not positive",
        { DataFingerprint: { } print } when print.Length != 2 * PianoRollDataset.FingerprintBytes || !print.All(char.IsAsciiHexDigitLower) =>
            $"{where} dataFingerprint \"{print}\" is not {2 * PianoRollDataset.FingerprintBytes} lowercase hexadecimal digits",
        { Settings: { } settings } when settings.Problem($"{where} settings") is { } problem => problem,
        { StartedFrom: { } earlier } => Problem(earlier, $"{where} startedFrom"),
        _ => null,
    };
}
