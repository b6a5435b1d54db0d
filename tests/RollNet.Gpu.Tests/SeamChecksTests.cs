using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>
/// The seam checks its arguments before any backend's kernel runs, so every backend refuses the same wrong call with
/// the same exception and message. Each check is asserted against one literal message, run once per backend.
/// </summary>
public abstract class SeamChecksTests : IDisposable
{
    // Another backend of the same kind, whose buffers this backend must refuse.
    private readonly CpuBackend _other = new(1);

    /// <summary>The backend under test.</summary>
    protected abstract Backend Backend { get; }

    [SkippableFact]
    public void WrongShapesAreRefused()
    {
        Backend backend = Backend;
        using DeviceBuffer a = backend.Allocate(6), b = backend.Allocate(6), c = backend.Allocate(4);

        Refused<ArgumentException>("c needs 4 elements for 2×2 with row stride 2 but the slice has 3 (Parameter 'c')",
            () => backend.Gemm(false, false, 2, 2, 3, 1, a.All, 3, b.All, 2, 0, c.Slice(0, 3), 2));
        Refused<ArgumentException>("a is 2×3 with row stride 2, less than max(1, 3) (Parameter 'a')",
            () => backend.Gemm(false, false, 2, 2, 3, 1, a.All, 2, b.All, 2, 0, c.All, 2));
        Refused<ArgumentException>("b has 3 elements where 4 were expected (Parameter 'b')",
            () => backend.Multiply(c.All, c.Slice(0, 3), c.All));
        Refused<ArgumentException>("gates has 6 elements where 8 were expected (Parameter 'gates')",
            () => backend.LstmGatesForward(1, 2, a.All, c.Slice(0, 2), c.Slice(0, 2), c.Slice(2, 2), c.Slice(2, 2)));
        Refused<ArgumentException>("rowMask has 4 elements where 2 were expected (Parameter 'rowMask')",
            () => backend.SigmoidCrossEntropy(2, 3, a.All, b.All, c.All, 1, a.All));
        Refused<ArgumentException>("logits has 6 elements where 8 were expected (Parameter 'logits')",
            () => backend.CategoricalCrossEntropy(2, 3, a.All, b.All, c.Slice(0, 2), 1, a.All));

        using PackedMatrix packed = backend.AllocatePacked(3, 2);
        Refused<ArgumentException>("b needs 6 elements for 3×2 with row stride 2 but the slice has 4 (Parameter 'b')",
            () => backend.Pack(false, c.All, 2, packed));
    }

    [SkippableFact]
    public void WrongNadeShapesAreRefusedByName()
    {
        // 2 rows, 3 keys, 4 hidden units: c and dz 6, d and dd 8, W, V and their gradients 12.
        Backend backend = Backend;
        using DeviceBuffer six = backend.Allocate(6), eight = backend.Allocate(8), twelve = backend.Allocate(12);
        using DeviceBuffer mask = backend.Allocate(2), grad = backend.Allocate(12), eleven = backend.Allocate(11);

        Refused<ArgumentException>("hiddenBias has 6 elements where 8 were expected (Parameter 'hiddenBias')",
            () => backend.NadeLoss(2, 3, 4, six.All, six.All, twelve.All, twelve.All, six.All, mask.All, 1, six.All));
        Refused<ArgumentException>("dWeights has 11 elements where 12 were expected (Parameter 'dWeights')",
            () => backend.NadeBackward(2, 3, 4, eight.All, twelve.All, twelve.All, six.All, mask.All, six.All, eight.All,
                eleven.All, grad.All));
        Refused<ArgumentException>("weights has 11 elements where 12 were expected (Parameter 'weights')",
            () => backend.NadeBackward(2, 3, 4, eight.All, eleven.All, twelve.All, six.All, mask.All, six.All, eight.All,
                grad.All, twelve.All));
    }

    [SkippableFact]
    public void SlicesOfAnotherBackendAreRefused()
    {
        Backend backend = Backend;
        using DeviceBuffer mine = backend.Allocate(4), foreign = _other.Allocate(4);
        using PackedMatrix foreignPacked = _other.AllocatePacked(2, 2);

        Refused<ArgumentException>("source is a slice of another backend's buffer (Parameter 'source')",
            () => backend.Copy(foreign.All, mine.All));
        Refused<ArgumentException>("x is a slice of another backend's buffer (Parameter 'x')",
            () => backend.SumOfSquares(foreign.All));
        Refused<ArgumentException>("b was packed by another backend (Parameter 'b')",
            () => backend.Gemm(false, 2, 1, mine.All, 2, foreignPacked, 0, mine.All, 2));
    }

    [SkippableFact]
    public void DisposedBuffersAreRefused()
    {
        Backend backend = Backend;
        DeviceBuffer buffer = backend.Allocate(4);
        BufferSlice slice = buffer.All;
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.Fill(slice, 1));
    }

    [SkippableTheory]
    [InlineData(-0.25f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void OutOfRangeDropoutIsRefused(float p)
    {
        Backend backend = Backend;
        using DeviceBuffer mask = backend.Allocate(4);
        var e = Refused<ArgumentOutOfRangeException>(
            new ArgumentOutOfRangeException("dropProbability", p, "must lie in [0, 1)").Message,
            () => backend.DropoutMask(mask.All, p, 1, 2));
        Assert.Equal(p, e.ActualValue);
    }

    [SkippableFact]
    public void TransposedBFloat16ProductIsRefused()
    {
        Backend backend = Backend;
        using DeviceBuffer a = backend.Allocate(6), c = backend.Allocate(4);
        using PackedMatrix packed = backend.AllocatePacked(3, 2, MatrixPrecision.BFloat16);
        Refused<ArgumentException>(
            "a bfloat16 packed matrix multiplies an untransposed left-hand side only (Parameter 'transA')",
            () => backend.Gemm(true, 2, 1, a.All, 2, packed, 0, c.All, 2));

        // The same product untransposed is accepted.
        backend.Gemm(false, 2, 1, a.All, 3, packed, 0, c.All, 2);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _other.Dispose();
        }
    }

    private static TException Refused<TException>(string message, Action call) where TException : Exception
    {
        var e = Assert.Throws<TException>(call);
        Assert.Equal(message, e.Message);
        return e;
    }
}
