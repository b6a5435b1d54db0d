using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RollNet.Data;

/// <summary>
/// Reads the piano-roll MAT-files of Boulanger-Lewandowski et al. (ICML 2012) as public copies hold them (TCN's
/// <c>JSB_Chorales.mat</c>, <c>Nottingham.mat</c>, <c>MuseData.mat</c>, <c>Piano_midi.mat</c>): a MATLAB 5 MAT-file, as
/// MATLAB's <c>save</c> writes it up to <c>-v7</c> and scipy's <c>savemat</c> does, compressed or not, with the variables
/// <c>traindata</c>, <c>validdata</c> and <c>testdata</c>. Each is a cell array of sequences; each sequence a numeric or
/// logical matrix, dense or sparse, with a row per time step and 88 columns, one per key from MIDI 21 to 108, where 0
/// is silent and a positive value sounds.
/// </summary>
/// <remarks>
/// Other variables are passed over. Big-endian files and MATLAB 7.3 files (which are HDF5) are refused, the latter
/// with the advice to save them again with <c>-v7</c>.
/// </remarks>
public static class MatDatasetReader
{
    private const int HeaderBytes = 128;

    // MATLAB's namelengthmax.
    private const int MaxNameBytes = 63;

    // A roll needs two; MATLAB allows more, but a header of more than this is damage.
    private const int MaxDimensions = 32;

    // Deflate spends at least one byte on every 1,032 it inflates to: what a compressed element may declare it holds.
    private const long MaxInflation = 1032;

    private static readonly string[] VariableNames = ["traindata", "validdata", "testdata"];

    /// <summary>
    /// Reads the MAT-file at <paramref name="path"/>; the dataset is named after the file. Throws
    /// <see cref="DatasetException"/>, with a one-line message "path: problem", when the file is missing, is not a
    /// MATLAB 5 MAT-file, is cut short or damaged, lacks one of the three variables or holds anything but the cell
    /// arrays above, or more than <paramref name="maxFrames"/> frames in all (refused before their rolls are made);
    /// positions in messages count from 0.
    /// </summary>
    public static PianoRollDataset Read(string path, long maxFrames = PickleDatasetReader.DefaultMaxFrames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        return Read(path, DataFile.ReadAllBytes(path, "a MAT-file"), maxFrames);
    }

    /// <summary>Reads <paramref name="bytes"/>, the contents of <paramref name="path"/>, as <see cref="Read(string, long)"/> does.</summary>
    internal static PianoRollDataset Read(string path, byte[] bytes, long maxFrames)
    {
        CheckHeader(path, bytes);
        var splits = new List<PianoRoll>?[VariableNames.Length];
        var found = new List<string>();
        long frames = 0;
        long at = HeaderBytes;
        for (int element = 0; at < bytes.Length; element++)
        {
            string where = $"element {element} after the header";
            if (bytes.Length - at < 8)
            {
                throw new DatasetException(path, $"{where}: cut short, {bytes.Length - at} bytes where a tag takes 8");
            }

            var type = (MatDataType)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at + 4));
            if (size > bytes.Length - at - 8)
            {
                throw new DatasetException(path,
                    $"{where}: declares {size:N0} bytes where {bytes.Length - at - 8:N0} remain; the file is cut short or damaged");
            }

            long next = at + 8 + size;
            // A compressed variable is inflated as it is read; a plain one is read where it lies, tag and all.
            (Stream content, long? compressedBytes) = type switch
            {
                MatDataType.Compressed => ((Stream)new ZLibStream(new MemoryStream(bytes, (int)at + 8, (int)size, writable: false),
                    CompressionMode.Decompress), (long?)size),
                MatDataType.Matrix => (new MemoryStream(bytes, (int)at, (int)(next - at), writable: false), null),
                _ => throw new DatasetException(path,
                    $"{where}: an element of type {(uint)type}, where a MAT-file holds matrices (14) and compressed matrices (15)"),
            };
            using (content)
            {
                ReadVariable(new MatElementReader(path, content), compressedBytes, where, splits, found, ref frames, maxFrames);
            }

            // Plain elements are padded to eight bytes; compressed ones follow one another directly.
            at = type == MatDataType.Matrix ? Math.Min(bytes.Length, (next + 7) & ~7L) : next;
        }

        if (splits.Any(split => split is null))
        {
            throw new DatasetException(path,
                $"expected the variables {string.Join(", ", VariableNames)} but found {(found.Count == 0 ? "none" : string.Join(", ", found))}");
        }

        return new PianoRollDataset(Path.GetFileNameWithoutExtension(path), path, splits[0]!, splits[1]!, splits[2]!);
    }

    private static void CheckHeader(string path, byte[] bytes)
    {
        string text = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, HeaderBytes));
        if (text.StartsWith("MATLAB 7.3 MAT-file", StringComparison.Ordinal))
        {
            throw new DatasetException(path,
                "a MATLAB 7.3 MAT-file, which is HDF5 and not read here; save it again with save(file, '-v7') or scipy.io.savemat");
        }

        if (!text.StartsWith("MATLAB 5.0 MAT-file", StringComparison.Ordinal))
        {
            throw new DatasetException(path, "not a MAT-file: it does not start with 'MATLAB 5.0 MAT-file'");
        }

        if (bytes.Length < HeaderBytes)
        {
            throw new DatasetException(path, $"cut short: {bytes.Length} bytes, where a MAT-file's header takes {HeaderBytes}");
        }

        switch (text[126..128])
        {
            case "IM":
                return;
            case "MI":
                throw new DatasetException(path, "a big-endian MAT-file, which is not read here; save it again on a little-endian machine");
            default:
                throw new DatasetException(path, "not a MAT-file: the end of its header says neither IM nor MI");
        }
    }

    /// <summary>
    /// Reads one variable: one of the three splits into <paramref name="splits"/>, or any other only as far as its name,
    /// which joins <paramref name="found"/>.
    /// </summary>
    private static void ReadVariable(MatElementReader reader, long? compressedBytes, string where, List<PianoRoll>?[] splits,
        List<string> found, ref long frames, long maxFrames)
    {
        MatTag tag = reader.ReadTag(long.MaxValue, where);
        if (tag.Type != MatDataType.Matrix || tag.IsSmall)
        {
            throw reader.Problem(where, $"holds an element of type {(uint)tag.Type}, where a variable is a matrix (14)");
        }

        // A plain variable (no compressed bytes) was checked against the file's length already.
        if (compressedBytes * MaxInflation < tag.Size)
        {
            throw reader.Problem(where,
                $"declares {tag.Size:N0} bytes in {compressedBytes:N0} compressed ones, more than deflate can hold (1,032 to 1)");
        }

        long end = reader.Consumed + tag.Size;
        MatArrayHeader header = ReadArrayHeader(reader, end, where);
        int split = Array.IndexOf(VariableNames, header.Name);
        found.Add(header.Name.Length == 0 ? "(unnamed)" : header.Name);
        if (split < 0)
        {
            return;
        }

        string name = header.Name;
        if (splits[split] is not null)
        {
            throw reader.Problem(name, "the file holds it twice");
        }

        if (header.Class != MatArrayClass.Cell)
        {
            throw reader.Problem(name,
                $"{Describe(header.Class)}, where a cell array of sequences is expected (each a matrix of a row per time step and 88 columns)");
        }

        long cells = header.Elements;
        if (cells > maxFrames)
        {
            throw reader.Problem(name,
                $"declares {cells:N0} sequences, more than the {maxFrames:N0} frames allowed (the limit); allow more with --max-frames if the set is meant to be this large");
        }

        if (cells > (end - reader.Consumed) / 8)
        {
            throw reader.Problem(name, $"declares {cells:N0} sequences in {end - reader.Consumed:N0} bytes, less than a tag each");
        }

        var rolls = new List<PianoRoll>();
        for (long i = 0; i < cells; i++)
        {
            rolls.Add(ReadSequence(reader, end, $"sequence {i} of {name}", ref frames, maxFrames));
        }

        splits[split] = rolls;
    }

    private static PianoRoll ReadSequence(MatElementReader reader, long end, string where, ref long frames, long maxFrames)
    {
        MatTag tag = reader.ReadTag(end, where);
        if (tag.Type != MatDataType.Matrix || tag.IsSmall)
        {
            throw reader.Problem(where, $"an element of type {(uint)tag.Type}, where a cell holds a matrix (14)");
        }

        if (tag.Size == 0)
        {
            // An empty cell ([]): MATLAB writes no header for it.
            return new PianoRoll(0);
        }

        long sequenceEnd = reader.Consumed + tag.Size;
        MatArrayHeader header = ReadArrayHeader(reader, sequenceEnd, where);
        if (header.Class is not (MatArrayClass.Sparse or (>= MatArrayClass.Double and <= MatArrayClass.UInt64)))
        {
            throw reader.Problem(where, $"{Describe(header.Class)}, where a sequence is a numeric or logical matrix");
        }

        if (header.Complex)
        {
            throw reader.Problem(where, "complex numbers, where a roll holds real ones");
        }

        if (header.Dimensions.Length != 2)
        {
            throw reader.Problem(where,
                $"a {header.Dimensions.Length}-dimensional array, where a sequence is a matrix of a row per time step and 88 columns");
        }

        (long rows, long columns) = (header.Dimensions[0], header.Dimensions[1]);
        if (rows * columns != 0 && columns != PianoRoll.Keys)
        {
            throw reader.Problem(where,
                $"a {rows}×{columns} matrix, where a sequence has a row per time step and {PianoRoll.Keys} columns, one per key from MIDI {PianoRoll.LowestPitch} to {PianoRoll.HighestPitch}");
        }

        int steps = columns == 0 ? 0 : (int)Math.Min(rows, int.MaxValue);
        frames += steps;
        if (frames > maxFrames || steps > int.MaxValue / PianoRoll.Keys)
        {
            throw reader.Problem(where,
                $"more than {maxFrames:N0} frames (the limit) by its end; allow more with --max-frames if the set is meant to be this large");
        }

        PianoRoll roll = header.Class == MatArrayClass.Sparse
            ? ReadSparse(reader, sequenceEnd, where, steps)
            : ReadDense(reader, sequenceEnd, where, steps);
        reader.Skip(sequenceEnd - reader.Consumed, where);
        return roll;
    }

    /// <summary>
    /// A dense matrix of <paramref name="steps"/> rows: its values column by column, a key's steps in turn. The roll is
    /// made once the values' tag has declared the bytes it takes.
    /// </summary>
    private static PianoRoll ReadDense(MatElementReader reader, long end, string where, int steps)
    {
        MatTag tag = reader.ReadTag(end, where);
        int valueSize = ValueSize(reader, tag, where);
        long entries = (long)steps * PianoRoll.Keys;
        if (tag.Size != entries * valueSize)
        {
            throw reader.Problem(where,
                $"{tag.Size:N0} bytes of values, where its {steps}×{PianoRoll.Keys} entries take {entries * valueSize:N0}");
        }

        var roll = new PianoRoll(steps);
        reader.ReadPayload(tag, end, where, (piece, offset) =>
        {
            for (int at = 0; at < piece.Length; at += valueSize)
            {
                long entry = (offset + at) / valueSize;
                Sound(reader, where, roll, (int)(entry % steps), (int)(entry / steps), MatElementReader.Value(piece[at..], tag.Type));
            }
        });
        return roll;
    }

    /// <summary>
    /// A sparse matrix (compressed columns) of <paramref name="steps"/> rows: the row of every stored value, where each
    /// column's values start, and the values, which a logical matrix may leave out.
    /// </summary>
    private static PianoRoll ReadSparse(MatElementReader reader, long end, string where, int steps)
    {
        List<int> rows = ReadIndices(reader, end, where, "row indices", Math.Max(1, (long)steps * PianoRoll.Keys));
        List<int> starts = ReadIndices(reader, end, where, "column starts", PianoRoll.Keys + 1);
        if (starts.Count != PianoRoll.Keys + 1 || starts[0] != 0 || starts[^1] > rows.Count ||
            starts.Zip(starts.Skip(1)).Any(pair => pair.First > pair.Second))
        {
            throw reader.Problem(where,
                $"its column starts are not {PianoRoll.Keys + 1} rising counts from 0 to at most its {rows.Count} row indices");
        }

        var roll = new PianoRoll(steps);
        int stored = starts[^1];
        int column = 0;
        void Store(int index, double value)
        {
            while (starts[column + 1] <= index)
            {
                column++;
            }

            if (rows[index] < 0 || rows[index] >= roll.Steps)
            {
                throw reader.Problem(where, $"row index {rows[index]} of a matrix of {roll.Steps} rows");
            }

            Sound(reader, where, roll, rows[index], column, value);
        }

        if (reader.Consumed == end)
        {
            // A logical sparse matrix may store no values: each stored entry is true.
            for (int index = 0; index < stored; index++)
            {
                Store(index, 1);
            }

            return roll;
        }

        MatTag tag = reader.ReadTag(end, where);
        int valueSize = ValueSize(reader, tag, where);
        if (tag.Size / valueSize < stored || tag.Size % valueSize != 0)
        {
            throw reader.Problem(where, $"{tag.Size:N0} bytes of values, where its {stored:N0} stored entries take {(long)stored * valueSize:N0}");
        }

        reader.ReadPayload(tag, end, where, (piece, offset) =>
        {
            for (int at = 0; at < piece.Length; at += valueSize)
            {
                long index = (offset + at) / valueSize;
                if (index < stored)
                {
                    Store((int)index, MatElementReader.Value(piece[at..], tag.Type));
                }
            }
        });
        return roll;
    }

    private static List<int> ReadIndices(MatElementReader reader, long end, string where, string what, long most)
    {
        MatTag tag = reader.ReadTag(end, where);
        if (tag.Type is not (MatDataType.Int32 or MatDataType.UInt32) || tag.Size % 4 != 0 || tag.Size / 4 > most)
        {
            throw reader.Problem(where,
                $"its {what} are {tag.Size:N0} bytes of type {(uint)tag.Type}, where at most {most:N0} 32-bit integers are expected");
        }

        // Grown as the indices arrive, so that memory follows the bytes inflated rather than the count declared.
        var indices = new List<int>();
        reader.ReadPayload(tag, end, where, (piece, _) =>
        {
            for (int at = 0; at < piece.Length; at += 4)
            {
                indices.Add(BinaryPrimitives.ReadInt32LittleEndian(piece[at..]));
            }
        });
        return indices;
    }

    private static int ValueSize(MatElementReader reader, MatTag tag, string where)
    {
        int size = MatElementReader.ValueSize(tag.Type);
        return size > 0 ? size : throw reader.Problem(where, $"values of type {(uint)tag.Type}, where numbers are expected");
    }

    private static void Sound(MatElementReader reader, string where, PianoRoll roll, int step, int key, double value)
    {
        if (value == 0)
        {
            return;
        }

        if (!(value > 0))
        {
            throw reader.Problem(where,
                $"value {value.ToString(CultureInfo.InvariantCulture)} at step {step}, key {key}, where 0 is silent and a positive value sounds");
        }

        roll[step, key] = true;
    }

    private static MatArrayHeader ReadArrayHeader(MatElementReader reader, long end, string where)
    {
        MatTag flagsTag = reader.ReadTag(end, where);
        if (flagsTag.Type != MatDataType.UInt32 || flagsTag.Size != 8)
        {
            throw reader.Problem(where, "an array without its flags (8 bytes of type 6)");
        }

        byte[] flags = reader.ReadShort(flagsTag, 8, end, where, "flags");
        MatTag dimensionsTag = reader.ReadTag(end, where);
        if (dimensionsTag.Type != MatDataType.Int32 || dimensionsTag.Size % 4 != 0 || dimensionsTag.Size < 8)
        {
            throw reader.Problem(where, "an array without its dimensions (two or more 32-bit integers)");
        }

        byte[] dimensionBytes = reader.ReadShort(dimensionsTag, 4 * MaxDimensions, end, where, "dimensions");
        long[] dimensions = new long[dimensionBytes.Length / 4];
        for (int d = 0; d < dimensions.Length; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32LittleEndian(dimensionBytes.AsSpan(4 * d));
            if (dimensions[d] < 0)
            {
                throw reader.Problem(where, $"dimension {d} is {dimensions[d]}");
            }
        }

        MatTag nameTag = reader.ReadTag(end, where);
        if (nameTag.Type is not (MatDataType.Int8 or MatDataType.UInt8 or MatDataType.Utf8))
        {
            throw reader.Problem(where, "an array without its name (8-bit characters)");
        }

        string name = Encoding.UTF8.GetString(reader.ReadShort(nameTag, MaxNameBytes, end, where, "a name"));
        uint flagsWord = BinaryPrimitives.ReadUInt32LittleEndian(flags);
        return new MatArrayHeader((MatArrayClass)(flagsWord & 0xFF), (flagsWord & 0x800) != 0, dimensions, name);
    }

    private static string Describe(MatArrayClass arrayClass) => arrayClass switch
    {
        MatArrayClass.Cell => "a cell array",
        MatArrayClass.Struct => "a struct",
        MatArrayClass.Object => "an object",
        MatArrayClass.Char => "a char array (text)",
        MatArrayClass.Sparse => "a sparse matrix",
        >= MatArrayClass.Double and <= MatArrayClass.UInt64 => $"a {arrayClass.ToString().ToLowerInvariant()} array",
        _ => $"an array of class {(byte)arrayClass}",
    };
}
