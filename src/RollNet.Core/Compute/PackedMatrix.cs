namespace RollNet.Compute;

/// <summary>
/// A copy of a right-hand operand (k×n) in the layout its backend multiplies fastest. A weight matrix that
/// multiplies every time step of a sequence is packed once per pass instead of once per step.
/// </summary>
public abstract class PackedMatrix : IDisposable
{
    protected PackedMatrix(IBackend backend, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Backend = backend;
        K = k;
        N = n;
    }

    /// <summary>The backend that packed it and alone may use it.</summary>
    public IBackend Backend { get; }

    /// <summary>Rows of the operand: the inner dimension of the product.</summary>
    public int K { get; }

    /// <summary>Columns of the operand and of the product.</summary>
    public int N { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
