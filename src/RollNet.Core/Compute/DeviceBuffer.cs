namespace RollNet.Compute;

/// <summary>
/// A block of float32 storage owned by one <see cref="Compute.Backend"/>. The model never reads it directly:
/// it passes slices of it to the backend's operations, so the storage may live on a device.
/// </summary>
internal abstract class DeviceBuffer : IDisposable
{
    /// <summary>For a backend's own buffer type; users get buffers from <see cref="Backend.Allocate"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    protected DeviceBuffer(Backend backend, int length)
    {
        ArgumentNullException.ThrowIfNull(backend);
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

    /// <summary>Whether <see cref="Dispose()"/> has run; the backend refuses slices of a disposed buffer.</summary>
    internal bool IsDisposed { get; private set; }

    /// <summary>A slice of this buffer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the buffer.</exception>
    public BufferSlice Slice(int offset, int length) => All.Slice(offset, length);

    /// <summary>Releases the storage; operations on slices of this buffer then throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!IsDisposed)
        {
            IsDisposed = true;
            Dispose(true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the backend's storage; called once.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
