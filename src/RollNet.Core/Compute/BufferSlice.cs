namespace RollNet.Compute;

/// <summary>A contiguous range of a <see cref="DeviceBuffer"/>, counted in float32 elements.</summary>
internal readonly record struct BufferSlice
{
    /// <summary>Elements [offset, offset + length) of <paramref name="buffer"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the buffer.</exception>
    public BufferSlice(DeviceBuffer buffer, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || length < 0 || (long)offset + length > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"slice [{offset}, {(long)offset + length}) does not fit a buffer of {buffer.Length} elements");
        }

        Buffer = buffer;
        Offset = offset;
        Length = length;
    }

    /// <summary>The buffer the range lies in.</summary>
    public DeviceBuffer Buffer { get; }

    /// <summary>Index in <see cref="Buffer"/> of the slice's element 0.</summary>
    public int Offset { get; }

    /// <summary>Number of float32 elements.</summary>
    public int Length { get; }

    /// <summary>A sub-range, relative to this slice.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit this slice.</exception>
    public BufferSlice Slice(int offset, int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"sub-slice [{offset}, {(long)offset + length}) does not fit a slice of {Length} elements");
        }

        return new BufferSlice(Buffer, Offset + offset, length);
    }
}
