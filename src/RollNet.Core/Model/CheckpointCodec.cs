using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using RollNet.IO;

namespace RollNet.Model;

/// <summary>
/// Reads and writes <see cref="Checkpoint"/>s as files: docs/FORMAT.md describes the format. Everything the model
/// needs is checked here; the header's training section is only checked to be an object, and its owner,
/// RollNet.Training.TrainingCheckpoint, checks the rest.
/// </summary>
internal static class CheckpointCodec
{
    /// <summary>
    /// The newest file format version this build reads and writes. It reads every version from 1 on, and writes the
    /// lowest that holds the model: 1 for the sigmoid head (readable by older builds), 2 for the NADE head, 3 for a NADE
    /// head that decides its keys in another order than ascending, 4 for a NADE head whose biases also depend on the
    /// input frame, 5 for one whose biases learn from parallel motion with the bass.
    /// </summary>
    public const int FormatVersion = 6;

    private const int MagicLength = 6, PrefixLength = 12, ChecksumLength = SHA256.HashSizeInBytes;
    private const string CorruptedProblem = "corrupted: the SHA-256 checksum does not match the contents";

    private static ReadOnlySpan<byte> Magic => "RNCKPT"u8;

    /// <summary>Reads a checkpoint, checking everything; any problem is a <see cref="CheckpointException"/>.</summary>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (InputFile.Problem(path, "a RollNet checkpoint") is { } problem)
        {
            throw new CheckpointException(path, problem);
        }

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
            throw new CheckpointException(path, $"cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a checkpoint from <paramref name="stream"/>, all of which, from its start, must be the checkpoint (an
    /// embedded resource, for example), checking everything as <see cref="Load(string)"/> does; any problem is a
    /// <see cref="CheckpointException"/> naming <paramref name="name"/>. Throws <see cref="ArgumentException"/> when
    /// the stream is not readable and seekable.
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

    /// <summary>
    /// Writes <paramref name="checkpoint"/> to a temporary file beside <paramref name="path"/>, flushes it to disk and
    /// then renames it over <paramref name="path"/>, so that the path holds either its old contents or the whole new
    /// checkpoint. Throws <see cref="IOException"/> when the file cannot be written.
    /// </summary>
    public static void Save(Checkpoint checkpoint, string path)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfBigEndian();
        AtomicFile.Write(path, stream => Write(checkpoint, stream));
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
        if (version is < 1 or > FormatVersion)
        {
            throw new CheckpointException(path, version > FormatVersion
                ? $"checkpoint format version {version} is newer than this build, which reads versions 1 to {FormatVersion}: update RollNet"
                : $"unsupported checkpoint format version {version}; this build reads versions 1 to {FormatVersion}");
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
        (CheckpointFileHeader? fileHeader, CheckpointHeader? header, string? problem) = ParseHeader(headerBytes, version);
        if (problem is not null)
        {
            // Damage shows up here as often as a writer's mistake does; only the checksum tells them apart.
            throw new CheckpointException(path, ChecksumMatches(stream) ? problem : CorruptedProblem);
        }

        long declared = PrefixLength + headerLength + ChecksumLength;
        foreach (CheckpointHeaderTensor tensor in fileHeader!.Tensors)
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
        var tensors = new List<CheckpointTensor>(fileHeader.Tensors.Count);
        foreach (CheckpointHeaderTensor entry in fileHeader.Tensors)
        {
            var data = new float[ElementCount(entry.Shape)];
            Span<byte> bytes = MemoryMarshal.AsBytes(data.AsSpan());
            stream.ReadExactly(bytes);
            hash.AppendData(bytes);
            tensors.Add(new CheckpointTensor(entry.Name, ImmutableArray.Create(entry.Shape), data));
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

        // The layout was checked with the header, so only a value can be wrong here: NaN, infinity, or a parameter so
        // large that the model's activations would overflow.
        return Checkpoint.TryCreate(header!, tensors, out string? unusable) ?? throw new CheckpointException(path, unusable!);
    }

    /// <summary>The header as written and as the checkpoint holds it, or what is wrong with it.</summary>
    private static (CheckpointFileHeader? File, CheckpointHeader? Header, string? Problem) ParseHeader(byte[] bytes,
        int version)
    {
        CheckpointFileHeader? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.CheckpointFileHeader);
        }
        catch (JsonException e)
        {
            return (null, null, JsonProblem.Describe(bytes, CheckpointJsonContext.Default.CheckpointFileHeader, e, "malformed header"));
        }

        if (file is null)
        {
            return (null, null, "malformed header: it is null rather than an object");
        }

        ModelConfig config;
        try
        {
            config = file.Config.ToModelConfig(version).Validate();
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

        if (file.Training is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } training)
        {
            return (null, null, "malformed header: training must be an object or null");
        }

        string? problem = Checkpoint.FindLayoutProblem(config, file.Tensors);
        return problem is null ? (file, new CheckpointHeader(config, file.Training), null) : (null, null, problem);
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

    /// <summary>Elements of a shape that <see cref="Checkpoint.FindLayoutProblem"/> has accepted.</summary>
    private static int ElementCount(int[] shape) => shape.Aggregate(1, (product, size) => checked(product * size));

    private static void ThrowIfBigEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("checkpoints are read and written on little-endian hosts only");
        }
    }

    private static void Write(Checkpoint checkpoint, Stream stream)
    {
        var header = new CheckpointFileHeader(
            CheckpointHeaderConfig.From(checkpoint.Config),
            [.. checkpoint.Tensors.Select(t => new CheckpointHeaderTensor(t.Name, [.. t.Shape]))],
            checkpoint.Header.Training);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointJsonContext.Default.CheckpointFileHeader);
        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[MagicLength..], (ushort)checkpoint.Header.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[(MagicLength + sizeof(ushort))..], (uint)headerBytes.Length);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        stream.Write(prefix);
        hash.AppendData(headerBytes);
        stream.Write(headerBytes);
        foreach (CheckpointTensor tensor in checkpoint.Tensors)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(tensor.Data.Span);
            hash.AppendData(bytes);
            stream.Write(bytes);
        }

        stream.Write(hash.GetHashAndReset());
    }
}
