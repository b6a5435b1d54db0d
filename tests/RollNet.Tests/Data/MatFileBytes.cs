using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RollNet.Data;

namespace RollNet.Tests.Data;

/// <summary>
/// Writes MATLAB 5 MAT-files for tests, element by element from the format's description (a 128-byte header, then
/// tagged elements padded to eight bytes), so that any part of one can be made wrong on purpose.
/// </summary>
internal static class MatFileBytes
{
    // Data types (tags) and array classes of the format.
    public const uint MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9, MiMatrix = 14, MiCompressed = 15;
    public const byte CellClass = 1, StructClass = 2, SparseClass = 5, DoubleClass = 6, UInt8Class = 9;
    public const uint LogicalFlag = 0x200, ComplexFlag = 0x800;

    /// <summary>A file: the header, then the elements.</summary>
    public static byte[] File(IEnumerable<byte[]> elements, string text = "MATLAB 5.0 MAT-file, Platform: test", string endian = "IM") =>
        [.. Header(text, endian), .. elements.SelectMany(e => e)];

    public static byte[] Header(string text = "MATLAB 5.0 MAT-file, Platform: test", string endian = "IM")
    {
        byte[] header = new byte[128];
        header.AsSpan(0, 116).Fill((byte)' ');
        Encoding.ASCII.GetBytes(text).CopyTo(header, 0);
        (header[124], header[125]) = endian == "IM" ? ((byte)0, (byte)1) : ((byte)1, (byte)0);
        Encoding.ASCII.GetBytes(endian).CopyTo(header, 126);
        return header;
    }

    /// <summary>A dataset as scipy and MATLAB write one: traindata, validdata and testdata, cell arrays of uint8 rolls stored as doubles.</summary>
    public static byte[] Dataset(IReadOnlyList<PianoRoll> train, IReadOnlyList<PianoRoll> valid, IReadOnlyList<PianoRoll> test,
        bool compressed = true, Func<PianoRoll, byte[]>? sequence = null)
    {
        sequence ??= roll => Dense(roll);
        byte[] Variable(string name, IReadOnlyList<PianoRoll> rolls)
        {
            byte[] cell = Cell(name, [.. rolls.Select(sequence)]);
            return compressed ? Compress(cell) : cell;
        }

        return File([Variable("traindata", train), Variable("validdata", valid), Variable("testdata", test)]);
    }

    /// <summary>A tagged element, its payload padded to eight bytes.</summary>
    public static byte[] Element(uint type, ReadOnlySpan<byte> payload) => Element(type, payload, (uint)payload.Length);

    /// <summary>A tagged element that declares <paramref name="declared"/> bytes, whatever it holds.</summary>
    public static byte[] Element(uint type, ReadOnlySpan<byte> payload, uint declared)
    {
        byte[] element = new byte[8 + ((payload.Length + 7) & ~7)];
        BinaryPrimitives.WriteUInt32LittleEndian(element, type);
        BinaryPrimitives.WriteUInt32LittleEndian(element.AsSpan(4), declared);
        payload.CopyTo(element.AsSpan(8));
        return element;
    }

    /// <summary>An element of up to four bytes held in its tag.</summary>
    public static byte[] SmallElement(uint type, ReadOnlySpan<byte> payload)
    {
        byte[] element = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(element, type | ((uint)payload.Length << 16));
        payload.CopyTo(element.AsSpan(4));
        return element;
    }

    /// <summary>A zlib-compressed element holding <paramref name="element"/>.</summary>
    public static byte[] Compress(byte[] element)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(element);
        }

        byte[] data = buffer.ToArray();
        byte[] compressed = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(compressed, MiCompressed);
        BinaryPrimitives.WriteUInt32LittleEndian(compressed.AsSpan(4), (uint)data.Length);
        data.CopyTo(compressed, 8);
        return compressed;
    }

    /// <summary>An array: its flags, dimensions and name, then <paramref name="parts"/>.</summary>
    public static byte[] Array(byte arrayClass, int[] dimensions, string name, IEnumerable<byte[]> parts, uint flags = 0, uint nzmax = 0) =>
        Element(MiMatrix, [.. ArrayHeader(arrayClass, dimensions, name, flags, nzmax), .. parts.SelectMany(p => p)]);

    /// <summary>What precedes an array's data: the elements of its flags, its dimensions and its name.</summary>
    public static byte[] ArrayHeader(byte arrayClass, int[] dimensions, string name, uint flags = 0, uint nzmax = 0)
    {
        byte[] flagBytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flagBytes, arrayClass | flags);
        BinaryPrimitives.WriteUInt32LittleEndian(flagBytes.AsSpan(4), nzmax);
        byte[] dimensionBytes = new byte[4 * dimensions.Length];
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(dimensionBytes.AsSpan(4 * d), dimensions[d]);
        }

        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        byte[] nameElement = nameBytes.Length is > 0 and <= 4 ? SmallElement(MiInt8, nameBytes) : Element(MiInt8, nameBytes);
        return [.. Element(MiUInt32, flagBytes), .. Element(MiInt32, dimensionBytes), .. nameElement];
    }

    /// <summary>A 1×N cell array named <paramref name="name"/> of the arrays <paramref name="cells"/>.</summary>
    public static byte[] Cell(string name, params byte[][] cells) => Array(CellClass, [1, cells.Length], name, cells);

    /// <summary>
    /// <paramref name="roll"/> as a dense T×88 array of <paramref name="arrayClass"/>, its values stored column by column
    /// as <paramref name="dataType"/> with 1 for a sounding key (<paramref name="sounding"/> where given).
    /// </summary>
    public static byte[] Dense(PianoRoll roll, byte arrayClass = DoubleClass, uint dataType = MiUInt8, uint flags = 0, double sounding = 1)
    {
        int size = dataType switch { MiInt8 or MiUInt8 => 1, MiInt16 => 2, MiInt32 or MiUInt32 or MiSingle => 4, _ => 8 };
        byte[] values = new byte[roll.Steps * PianoRoll.Keys * size];
        for (int key = 0; key < PianoRoll.Keys; key++)
        {
            for (int step = 0; step < roll.Steps; step++)
            {
                if (roll[step, key])
                {
                    Span<byte> at = values.AsSpan(((key * roll.Steps) + step) * size);
                    switch (dataType)
                    {
                        case MiInt8 or MiUInt8: at[0] = (byte)sounding; break;
                        case MiInt16: BinaryPrimitives.WriteInt16LittleEndian(at, (short)sounding); break;
                        case MiInt32: BinaryPrimitives.WriteInt32LittleEndian(at, (int)sounding); break;
                        case MiUInt32: BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)sounding); break;
                        case MiSingle: BinaryPrimitives.WriteSingleLittleEndian(at, (float)sounding); break;
                        default: BinaryPrimitives.WriteDoubleLittleEndian(at, sounding); break;
                    }
                }
            }
        }

        return Array(arrayClass, [roll.Steps, PianoRoll.Keys], "", [Element(dataType, values)], flags);
    }

    /// <summary><paramref name="roll"/> as a sparse T×88 matrix (compressed columns), with its values or, when logical, without.</summary>
    public static byte[] Sparse(PianoRoll roll, bool withValues = true)
    {
        var rows = new List<int>();
        var starts = new List<int> { 0 };
        for (int key = 0; key < PianoRoll.Keys; key++)
        {
            rows.AddRange(Enumerable.Range(0, roll.Steps).Where(step => roll[step, key]));
            starts.Add(rows.Count);
        }

        byte[] Ints(IReadOnlyList<int> values)
        {
            byte[] bytes = new byte[4 * values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
            }

            return bytes;
        }

        var parts = new List<byte[]> { Element(MiInt32, Ints(rows)), Element(MiInt32, Ints(starts)) };
        if (withValues)
        {
            byte[] values = new byte[8 * rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(8 * i), 1);
            }

            parts.Add(Element(MiDouble, values));
        }

        return Array(SparseClass, [roll.Steps, PianoRoll.Keys], "", parts, withValues ? 0 : LogicalFlag, (uint)rows.Count);
    }
}
