namespace RollNet.Compute;

/// <summary>
/// A copy of a right-hand operand (k×n) in the layout its backend multiplies fastest. A weight matrix that
/// multiplies every time step of a sequence is packed once per pass instead of once per step; a narrower copy
/// (<see cref="MatrixPrecision.BFloat16"/>) halves what an inference step reads.
/// </summary>
public abstract class PackedMatrix : IDisposable
{
    protected PackedMatrix(Backend backend, int k, int n, MatrixPrecision precision)
    {
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

    /// <summary>How the values are stored; anything narrower than float32 is for inference.</summary>
    public MatrixPrecision Precision { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
