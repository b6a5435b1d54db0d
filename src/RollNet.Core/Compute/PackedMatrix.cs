namespace RollNet.Compute;

/// <summary>
/// A copy of a right-hand operand (k×n) in the layout its backend multiplies fastest. A weight matrix that
/// multiplies every time step of a sequence is packed once per pass instead of once per step; a bfloat16 copy
/// (<see cref="MatrixPrecision.BFloat16"/>) halves what an inference step reads.
/// </summary>
internal abstract class PackedMatrix : IDisposable
{
    /// <summary>For a backend's own packed type; users get one from <see cref="Backend.AllocatePacked"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="n"/> is negative.</exception>
    protected PackedMatrix(Backend backend, int k, int n, MatrixPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Backend = backend;
        K = k;
        N = n;
        Precision = precision;
    }

    /// <summary>The backend that packed it and alone may use it.</summary>
    public Backend Backend { get; }

    /// <summary>Rows of the operand: the inner dimension of the product.</summary>
    public int K { get; }

    /// <summary>Columns of the operand and of the product.</summary>
    public int N { get; }

    /// <summary>How the values are stored; bfloat16 is for inference.</summary>
    public MatrixPrecision Precision { get; }

    /// <summary>Whether <see cref="Dispose()"/> has run; the backend refuses a disposed matrix.</summary>
    internal bool IsDisposed { get; private set; }

    /// <summary>Releases the storage; operations on this matrix then throw <see cref="ObjectDisposedException"/>.</summary>
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
