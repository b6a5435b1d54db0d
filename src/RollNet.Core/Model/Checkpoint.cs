using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using RollNet.Compute;
using RollNet.Data;
using RollNet.IO;
using RollNet.Training;

namespace RollNet.Model;

/// <summary>
/// A model's configuration and parameters, optionally with its optimizer's state and the progress of training, as
/// written to and read from a checkpoint file. docs/FORMAT.md describes the file.
/// </summary>
/// <remarks>
/// The first tensors are the parameters, named and shaped as <see cref="ParameterLayout"/> lays them out for
/// <see cref="Config"/>; any after them are optimizer state buffers, one value per parameter. Every checkpoint is
/// checked against this (and for NaN and infinity) when it is made or loaded, so it always describes a usable model.
/// </remarks>
public sealed class Checkpoint
{
    /// <summary>The file format version this build writes and the only one it reads.</summary>
    public const int FormatVersion = 1;

    private const int MagicLength = 6, PrefixLength = 12, ChecksumLength = SHA256.HashSizeInBytes;
    private const string CorruptedProblem = "corrupted: the SHA-256 checksum does not match the contents";

    private readonly int _parameterTensors;

    private Checkpoint(ModelConfig config, IReadOnlyList<CheckpointTensor> tensors, TrainingState? training)
    {
        Config = config;
        Tensors = tensors;
        Training = training;
        _parameterTensors = new ParameterLayout(config).Tensors.Count;
    }

    public ModelConfig Config { get; }

    /// <summary>The parameters in layout order, then the optimizer state buffers.</summary>
    public IReadOnlyList<CheckpointTensor> Tensors { get; }

    /// <summary>Where training stood, or null for a checkpoint of the model alone.</summary>
    public TrainingState? Training { get; }

    /// <summary>
    /// The grid of the model's music in steps per quarter note: that of the data it learnt, or the MIDI reader's
    /// default when the checkpoint does not say.
    /// </summary>
    public int StepsPerQuarter => Training?.StepsPerQuarter ?? MidiRollReader.DefaultStepsPerQuarter;

    private static ReadOnlySpan<byte> Magic => "RNCKPT"u8;

    /// <summary>
    /// Copies the parameters of <paramref name="model"/> and the state of <paramref name="optimizer"/> to the host.
    /// Throws <see cref="ArgumentException"/> when <paramref name="training"/> names another optimizer or update count
    /// than <paramref name="optimizer"/> or holds a non-finite number, and <see cref="InvalidOperationException"/>
    /// when a parameter or state value is NaN or infinite, since such a checkpoint could not be loaded.
    /// </summary>
    public static Checkpoint FromModel(RollModel model, IOptimizer? optimizer = null, TrainingState? training = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (optimizer is not null && training is not null &&
            (training.Optimizer != optimizer.Kind || training.Updates != optimizer.Steps))
        {
            throw new ArgumentException(
                $"the training state records {training.Optimizer} after {training.Updates} updates but the optimizer is {optimizer.Kind} after {optimizer.Steps}",
                nameof(training));
        }

        // JSON has no NaN or infinity, so the header could not be written.
        if (training is not null &&
            (!float.IsFinite(training.LearningRate) || !double.IsFinite(training.EpochLossSum) ||
             (training.BestValidationLoss is { } best && !double.IsFinite(best))))
        {
            throw new ArgumentException(
                $"the training state's learning rate ({training.LearningRate}), best validation loss ({training.BestValidationLoss}) and epoch loss sum ({training.EpochLossSum}) must be finite",
                nameof(training));
        }

        var tensors = new List<CheckpointTensor>();
        foreach (ParameterTensor parameter in model.Parameters.Layout.Tensors)
        {
            var data = new float[parameter.Length];
            model.Backend.Download(model.Parameters.Value(parameter.Name), data);
            tensors.Add(new CheckpointTensor(parameter.Name, [parameter.Rows, parameter.Cols], data));
        }

        foreach ((string name, DeviceBuffer buffer) in optimizer?.State ?? [])
        {
            var data = new float[buffer.Length];
            buffer.Backend.Download(buffer.All, data);
            tensors.Add(new CheckpointTensor(name, [buffer.Length], data));
        }

        var checkpoint = new Checkpoint(model.Config, tensors, training);
        string? problem = FindLayoutProblem(model.Config, Describe(tensors)) ?? checkpoint.FindNonFinite();
        return problem is null ? checkpoint : throw new InvalidOperationException($"cannot checkpoint the model: {problem}");
    }

    /// <summary>Reads a checkpoint, checking everything; any problem is a <see cref="CheckpointException"/>.</summary>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Load(stream, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(path, "no such file", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not CheckpointException))
        {
            string problem = Directory.Exists(path) ? "a directory, not a checkpoint file" : $"cannot read the file: {e.Message}";
            throw new CheckpointException(path, problem, e);
        }
    }

    /// <summary>
    /// Reads a checkpoint from <paramref name="stream"/>, all of which, from its start, must be the checkpoint (an
    /// embedded resource, for example), checking everything as <see cref="Load(string)"/> does; any problem is a
    /// <see cref="CheckpointException"/> naming <paramref name="name"/>. The stream must be readable and seekable.
    /// </summary>
    public static Checkpoint Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("the stream must be readable and seekable", nameof(stream));
        }

        ThrowIfBigEndian();
        return Read(name, stream);
    }

    /// <summary>A model on <paramref name="backend"/> holding the saved parameters.</summary>
    public RollModel CreateModel(Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ThrowIfShapesChanged();
        var layout = new ParameterLayout(Config);
        var values = new float[layout.Length];
        for (int t = 0; t < layout.Tensors.Count; t++)
        {
            Tensors[t].Data.CopyTo(values.AsSpan(layout.Tensors[t].Offset));
        }

        return new RollModel(backend, Config, values);
    }

    /// <summary>
    /// Uploads the saved state buffers into <paramref name="optimizer"/> and sets its step count to
    /// <see cref="TrainingState.Updates"/>. Throws <see cref="InvalidOperationException"/>, changing nothing, when the
    /// checkpoint has no training state or was made with another kind of optimizer or for another model size.
    /// </summary>
    public void RestoreOptimizer(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (Training is null)
        {
            throw new InvalidOperationException("the checkpoint holds no training state, so the optimizer's update count is unknown");
        }

        if (Training.Optimizer != optimizer.Kind)
        {
            throw new InvalidOperationException(
                $"the checkpoint was trained with {Training.Optimizer}, not {optimizer.Kind}");
        }

        IEnumerable<CheckpointTensor> saved = Tensors.Skip(_parameterTensors);
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
            buffer.Backend.Upload(tensor.Data, buffer.All);
        }

        optimizer.Steps = Training.Updates;
    }

    /// <summary>
    /// Writes the checkpoint to a temporary file beside <paramref name="path"/>, flushes it to disk and then renames
    /// it over <paramref name="path"/>, so that the path holds either its old contents or the whole new checkpoint.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfBigEndian();
        ThrowIfShapesChanged();
        AtomicFile.Write(path, Write);
    }

    private static Checkpoint Read(string path, Stream stream)
    {
        long length = stream.Length;
        if (length == 0)
        {
            throw new CheckpointException(path, "the file is empty, not a RollNet checkpoint");
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        int got = stream.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false);
        int magic = Math.Min(got, MagicLength);
        if (!prefix[..magic].SequenceEqual(Magic[..magic]))
        {
            throw new CheckpointException(path, "not a RollNet checkpoint: the file does not start with \"RNCKPT\"");
        }

        string truncatedPrefix = $"truncated: the file ends after {got} bytes, inside its {PrefixLength}-byte prefix";
        if (got < MagicLength + sizeof(ushort))
        {
            throw new CheckpointException(path, truncatedPrefix);
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[MagicLength..]);
        if (version != FormatVersion)
        {
            throw new CheckpointException(path,
                $"unsupported checkpoint format version {version}; this build reads version {FormatVersion}");
        }

        if (got < PrefixLength)
        {
            throw new CheckpointException(path, truncatedPrefix);
        }

        long headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[(MagicLength + sizeof(ushort))..]);
        if (headerLength > length - PrefixLength)
        {
            throw new CheckpointException(path,
                $"truncated inside the header: the header is {headerLength} bytes but the file ends {length - PrefixLength} bytes after the prefix");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        (CheckpointHeader? header, ModelConfig? config, string? problem) = ParseHeader(headerBytes);
        if (problem is not null)
        {
            // Damage shows up here as often as a writer's mistake does; only the checksum tells them apart.
            throw new CheckpointException(path, ChecksumMatches(stream) ? problem : CorruptedProblem);
        }

        long declared = PrefixLength + headerLength + ChecksumLength;
        foreach (CheckpointHeaderTensor tensor in header!.Tensors)
        {
            declared += (long)ElementCount(tensor.Shape) * sizeof(float);
        }

        if (length < declared)
        {
            throw new CheckpointException(path,
                $"truncated: the header declares {declared - PrefixLength - headerLength} bytes of tensors and checksum but only {length - PrefixLength - headerLength} follow it");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        hash.AppendData(headerBytes);
        var tensors = new List<CheckpointTensor>(header.Tensors.Count);
        foreach (CheckpointHeaderTensor entry in header.Tensors)
        {
            var data = new float[ElementCount(entry.Shape)];
            Span<byte> bytes = MemoryMarshal.AsBytes(data.AsSpan());
            stream.ReadExactly(bytes);
            hash.AppendData(bytes);
            tensors.Add(new CheckpointTensor(entry.Name, entry.Shape, data));
        }

        Span<byte> stored = stackalloc byte[ChecksumLength], computed = stackalloc byte[ChecksumLength];
        stream.ReadExactly(stored);
        hash.GetHashAndReset(computed);
        if (!stored.SequenceEqual(computed))
        {
            throw new CheckpointException(path, CorruptedProblem);
        }

        if (length > declared)
        {
            throw new CheckpointException(path, $"{length - declared} trailing bytes after the checksum");
        }

        var checkpoint = new Checkpoint(config!, tensors, header.Training);
        string? nonFinite = checkpoint.FindNonFinite();
        return nonFinite is null ? checkpoint : throw new CheckpointException(path, nonFinite);
    }

    /// <summary>The header and the configuration it describes, or what is wrong with it.</summary>
    private static (CheckpointHeader? Header, ModelConfig? Config, string? Problem) ParseHeader(byte[] bytes)
    {
        CheckpointHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.CheckpointHeader);
        }
        catch (JsonException e)
        {
            return (null, null, $"malformed header: {e.Message}");
        }

        if (header is null)
        {
            return (null, null, "malformed header: it is null rather than an object");
        }

        ModelConfig config;
        try
        {
            config = header.Config.ToModelConfig().Validate();
            _ = new ParameterLayout(config);
        }
        catch (ArgumentException e)
        {
            return (null, null, $"invalid model configuration: {e.Message}");
        }
        catch (OverflowException)
        {
            return (null, null, "invalid model configuration: more parameters than a buffer can hold");
        }

        string? problem = FindLayoutProblem(config, header.Tensors) ?? FindTrainingProblem(header.Training);
        return problem is null ? (header, config, null) : (null, null, problem);
    }

    /// <summary>Whether the file's last 32 bytes are the SHA-256 of everything before them.</summary>
    private static bool ChecksumMatches(Stream stream)
    {
        long remaining = stream.Length - ChecksumLength;
        if (remaining < 0)
        {
            return false;
        }

        stream.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        while (remaining > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        Span<byte> stored = stackalloc byte[ChecksumLength];
        stream.ReadExactly(stored);
        return stored.SequenceEqual(hash.GetHashAndReset());
    }

    /// <summary>Why <paramref name="tensors"/> are not the parameters of <paramref name="config"/> and then optimizer state, or null.</summary>
    private static string? FindLayoutProblem(ModelConfig config, IReadOnlyList<CheckpointHeaderTensor?> tensors)
    {
        var layout = new ParameterLayout(config);
        var names = new HashSet<string>();
        for (int i = 0; i < tensors.Count; i++)
        {
            CheckpointHeaderTensor? tensor = tensors[i];
            if (tensor is null)
            {
                return $"tensor {i} is null rather than an object";
            }

            if (!names.Add(tensor.Name))
            {
                return $"tensor {tensor.Name} appears twice";
            }

            if (i >= layout.Tensors.Count)
            {
                if (tensor.Shape is not [int length] || length != layout.Length)
                {
                    return $"optimizer state {tensor.Name} has shape {Format(tensor.Shape)} but must be [{layout.Length}], one value per parameter";
                }

                continue;
            }

            ParameterTensor expected = layout.Tensors[i];
            if (tensor.Name != expected.Name)
            {
                return $"tensor {i} is {tensor.Name} but the configuration's parameter {i} is {expected.Name}";
            }

            if (tensor.Shape is not [int rows, int cols] || rows != expected.Rows || cols != expected.Cols)
            {
                return $"parameter {tensor.Name} has shape {Format(tensor.Shape)} but the configuration needs [{expected.Rows}, {expected.Cols}]";
            }
        }

        return tensors.Count < layout.Tensors.Count ? $"parameter {layout.Tensors[tensors.Count].Name} is missing" : null;
    }

    private static string? FindTrainingProblem(TrainingState? training) => training switch
    {
        null => null,
        { Epoch: < 0 } => $"training epoch {training.Epoch} is negative",
        { Updates: < 0 } => $"training update count {training.Updates} is negative",
        { EpochsWithoutImprovement: < 0 } => $"training epochsWithoutImprovement {training.EpochsWithoutImprovement} is negative",
        { EpochBatches: < 0 } => $"training epochBatches {training.EpochBatches} is negative",
        { EpochFrames: < 0 } => $"training epochFrames {training.EpochFrames} is negative",
        { StepsPerQuarter: < 1 } => $"training stepsPerQuarter {training.StepsPerQuarter} is not positive",
        _ => null,
    };

    private static IReadOnlyList<CheckpointHeaderTensor> Describe(IEnumerable<CheckpointTensor> tensors) =>
        [.. tensors.Select(t => new CheckpointHeaderTensor(t.Name, t.Shape))];

    /// <summary>Elements of a shape that <see cref="FindLayoutProblem"/> has accepted.</summary>
    private static int ElementCount(int[] shape) => shape.Aggregate(1, (product, size) => checked(product * size));

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";

    private static void ThrowIfBigEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("checkpoints are read and written on little-endian hosts only");
        }
    }

    // The tensors were checked when this checkpoint was made, but their shape arrays are mutable.
    private void ThrowIfShapesChanged()
    {
        string? problem = FindLayoutProblem(Config, Describe(Tensors));
        if (problem is not null)
        {
            throw new InvalidOperationException($"the tensors no longer fit the configuration: {problem}");
        }
    }

    private string? FindNonFinite()
    {
        for (int t = 0; t < Tensors.Count; t++)
        {
            float[] data = Tensors[t].Data;
            if (TensorPrimitives.IsFiniteAll<float>(data))
            {
                continue;
            }

            int j = Array.FindIndex(data, v => !float.IsFinite(v));
            string kind = t < _parameterTensors ? "parameter" : "optimizer state";
            return $"{kind} {Tensors[t].Name} holds {(float.IsNaN(data[j]) ? "NaN" : "infinity")} (element {j})";
        }

        return null;
    }

    private void Write(Stream stream)
    {
        var header = new CheckpointHeader(CheckpointHeaderConfig.From(Config), Describe(Tensors), Training);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointJsonContext.Default.CheckpointHeader);
        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[MagicLength..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[(MagicLength + sizeof(ushort))..], (uint)headerBytes.Length);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        stream.Write(prefix);
        hash.AppendData(headerBytes);
        stream.Write(headerBytes);
        foreach (CheckpointTensor tensor in Tensors)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(tensor.Data.AsSpan());
            hash.AppendData(bytes);
            stream.Write(bytes);
        }

        stream.Write(hash.GetHashAndReset());
    }
}
