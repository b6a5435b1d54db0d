using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RollNet.Data;

/// <summary>
/// A collection of pieces split for training, validation (early stopping) and testing. A caller gets one from
/// <see cref="DatasetCatalog.Load"/>, <see cref="DatasetFileReader.Read"/> (a pickle or MAT-file) or <see cref="MidiFolderReader.Read"/>, or
/// makes one of its own rolls, and passes it to <see cref="Training.TrainingRun"/>.
/// </summary>
public sealed class PianoRollDataset
{
    /// <summary>Bytes of SHA-256 a <see cref="TrainingFingerprint"/> keeps: 16 hexadecimal digits.</summary>
    internal const int FingerprintBytes = 8;

    /// <summary>A dataset of the given splits.</summary>
    public PianoRollDataset(
        string name, string source, IReadOnlyList<PianoRoll> train, IReadOnlyList<PianoRoll> valid, IReadOnlyList<PianoRoll> test,
        int? stepsPerQuarter = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(test);
        if (stepsPerQuarter is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerQuarter), stepsPerQuarter, "steps per quarter note must be at least 1");
        }

        StepsPerQuarter = stepsPerQuarter;
        Name = name;
        Source = source;
        Train = train;
        Valid = valid;
        Test = test;
    }

    /// <summary>A short name, such as the catalog's "jsb" or a file name without its extension.</summary>
    public string Name { get; }

    /// <summary>Where the pieces came from: a file or a folder.</summary>
    public string Source { get; }

    /// <summary>Steps per quarter note of the grid the pieces were quantised on, or null when unknown (a plain pickle).</summary>
    public int? StepsPerQuarter { get; }

    /// <summary>The pieces to train on.</summary>
    public IReadOnlyList<PianoRoll> Train { get; }

    /// <summary>The pieces to measure progress on while training.</summary>
    public IReadOnlyList<PianoRoll> Valid { get; }

    /// <summary>The pieces held out for the final figures.</summary>
    public IReadOnlyList<PianoRoll> Test { get; }

    /// <summary>Whether the pieces hold only the highest sounding key of each frame, as <see cref="TopVoice"/> leaves them.</summary>
    public bool IsTopVoice { get; private init; }

    /// <summary>
    /// The train and valid pieces as a training run learns from them, whatever the dataset is named: the first 16
    /// hexadecimal digits of a SHA-256 of each split's count of pieces, then each piece's steps and frames, in order.
    /// </summary>
    internal string TrainingFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> count = stackalloc byte[sizeof(int)];
        foreach (IReadOnlyList<PianoRoll> split in new[] { Train, Valid })
        {
            BinaryPrimitives.WriteInt32LittleEndian(count, split.Count);
            hash.AppendData(count);
            foreach (PianoRoll piece in split)
            {
                BinaryPrimitives.WriteInt32LittleEndian(count, piece.Steps);
                hash.AppendData(count);
                hash.AppendData(MemoryMarshal.AsBytes(piece.Frames));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset(), 0, FingerprintBytes);
    }

    /// <summary>The same pieces with only the highest sounding key of each frame (<see cref="PianoRoll.TopVoice"/>): their melodies.</summary>
    public PianoRollDataset TopVoice() =>
        new(Name, Source, [.. Train.Select(p => p.TopVoice())], [.. Valid.Select(p => p.TopVoice())],
            [.. Test.Select(p => p.TopVoice())], StepsPerQuarter)
        {
            IsTopVoice = true,
        };
}
