namespace RollNet.Compute;

/// <summary>
/// A block of float32 storage owned by one <see cref="Backend"/>. The model never reads it directly:
/// it passes slices of it to the backend's operations, so the storage may live on a device.
/// </summary>
public abstract class DeviceBuffer : IDisposable
{
    protected DeviceBuffer(Backend backend, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Backend = backend;
        Length = length;
    }

    /// <summary>The backend that allocated this buffer and alone may operate on it.</summary>
    public Backend Backend { get; }

    /// <summary>Number of float32 elements.</summary>
    public int Length { get; }

    /// <summary>The whole buffer as a slice.</summary>
    public BufferSlice All => new(this, 0, Length);

    /// <summary>A slice of this buffer.</summary>
    public BufferSlice Slice(int offset, int length) => All.Slice(offset, length);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
