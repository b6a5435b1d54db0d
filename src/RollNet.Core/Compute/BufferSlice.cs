namespace RollNet.Compute;

/// <summary>A contiguous range of a <see cref="DeviceBuffer"/>, counted in float32 elements.</summary>
public readonly record struct BufferSlice
{
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

    public DeviceBuffer Buffer { get; }

    public int Offset { get; }

    public int Length { get; }

    /// <summary>A sub-range, relative to this slice.</summary>
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
