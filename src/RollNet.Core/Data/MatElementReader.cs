using System.Buffers.Binary;

namespace RollNet.Data;

/// <summary>
/// Reads the elements of a MATLAB 5 MAT-file from a stream (the file's bytes, or a compressed element inflated as it
/// is read), counting the bytes it consumes so that every declared size is checked against the bytes left in the
/// element that holds it before anything is read or allocated. Every problem is a <see cref="DatasetException"/> naming
/// the file, and where in it (<c>where</c>).
/// </summary>
internal sealed class MatElementReader(string path, Stream stream)
{
    /// <summary>Receives a piece of a payload: whole values, since the pieces are a multiple of eight bytes long.</summary>
    public delegate void PayloadPiece(ReadOnlySpan<byte> piece, long offset);

    private const int PieceBytes = 1 << 16;
    private readonly byte[] _piece = new byte[PieceBytes];

    /// <summary>Bytes read from the stream so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>The bytes of one value of a numeric <paramref name="type"/>, or 0 for any other type.</summary>
    public static int ValueSize(MatDataType type) => type switch
    {
        MatDataType.Int8 or MatDataType.UInt8 => 1,
        MatDataType.Int16 or MatDataType.UInt16 => 2,
        MatDataType.Int32 or MatDataType.UInt32 or MatDataType.Single => 4,
        MatDataType.Int64 or MatDataType.UInt64 or MatDataType.Double => 8,
        _ => 0,
    };

    /// <summary>The value of numeric <paramref name="type"/> at the start of <paramref name="bytes"/> (little-endian).</summary>
    public static double Value(ReadOnlySpan<byte> bytes, MatDataType type) => type switch
    {
        MatDataType.Int8 => (sbyte)bytes[0],
        MatDataType.UInt8 => bytes[0],
        MatDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        MatDataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        MatDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        MatDataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        MatDataType.Single => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        MatDataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        MatDataType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        MatDataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numeric type"),
    };

    /// <summary>
    /// Reads a tag, which must fit, with the payload that follows it, before <paramref name="end"/> (a count of consumed
    /// bytes).
    /// </summary>
    public MatTag ReadTag(long end, string where)
    {
        if (end - Consumed < 8)
        {
            throw Problem(where, $"needs an element tag of 8 bytes where {Math.Max(0, end - Consumed)} remain");
        }

        Span<byte> bytes = stackalloc byte[8];
        Fill(bytes, where);
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(bytes), second = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (first >> 16 != 0)
        {
            // A small element: the size in the upper half of the first word, up to four bytes of data in the second.
            uint size = first >> 16;
            return size <= 4
                ? new MatTag((MatDataType)(first & 0xFFFF), size, IsSmall: true, second)
                : throw Problem(where, $"a small element of {size} bytes, where its tag holds at most 4");
        }

        return second <= end - Consumed
            ? new MatTag((MatDataType)first, second, IsSmall: false, SmallData: 0)
            : throw Problem(where, $"declares {second:N0} bytes where {end - Consumed:N0} remain");
    }

    /// <summary>The payload of <paramref name="tag"/>, <paramref name="what"/>, which may be at most <paramref name="max"/> bytes.</summary>
    public byte[] ReadShort(MatTag tag, int max, long end, string where, string what)
    {
        if (tag.Size > max)
        {
            throw Problem(where, $"{what} of {tag.Size:N0} bytes, where at most {max} are expected");
        }

        byte[] payload = new byte[tag.Size];
        ReadPayload(tag, end, where, (piece, offset) => piece.CopyTo(payload.AsSpan((int)offset)));
        return payload;
    }

    /// <summary>Hands the payload of <paramref name="tag"/> to <paramref name="receive"/> piece by piece, then passes its padding.</summary>
    public void ReadPayload(MatTag tag, long end, string where, PayloadPiece receive)
    {
        if (tag.IsSmall)
        {
            Span<byte> small = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(small, tag.SmallData);
            receive(small[..(int)tag.Size], 0);
            return;
        }

        for (long offset = 0; offset < tag.Size; offset += PieceBytes)
        {
            Span<byte> piece = _piece.AsSpan(0, (int)Math.Min(PieceBytes, tag.Size - offset));
            Fill(piece, where);
            receive(piece, offset);
        }

        // The last element of a file may end without its padding.
        Skip(Math.Min(tag.FollowingBytes - tag.Size, end - Consumed), where);
    }

    /// <summary>Passes over <paramref name="count"/> bytes.</summary>
    public void Skip(long count, string where)
    {
        for (long left = count; left > 0; left -= PieceBytes)
        {
            Fill(_piece.AsSpan(0, (int)Math.Min(PieceBytes, left)), where);
        }
    }

    /// <summary>A problem at <paramref name="where"/>, as the exception to throw.</summary>
    public DatasetException Problem(string where, string problem) => new(path, $"{where}: {problem}");

    private void Fill(Span<byte> destination, string where)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException(path, $"{where}: cut short, the data ends inside it", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(path, $"{where}: its compressed data is damaged ({e.Message})", e);
        }

        Consumed += destination.Length;
    }
}
