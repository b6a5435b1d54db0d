using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// A right-hand operand op(B) (k x n) packed once into the panel layout of the SGEMM micro-kernel,
/// for a matrix that multiplies many left-hand sides before it changes, such as a recurrent weight
/// matrix used at every time step. Products against it skip the packing pass over B, which
/// dominates when A has few rows. Call <see cref="Pack(bool, ReadOnlySpan{float}, int)"/> again
/// after B changes; the storage is reused.
/// </summary>
internal sealed unsafe class SgemmPackedB
{
    private readonly float[] _storage;

    /// <summary>Allocates packed storage for a k x n operand.</summary>
    public SgemmPackedB(int k, int n) : this(k, n, SgemmKernel.Best)
    {
    }

    /// <summary>Allocates packed storage for a k x n operand in the panels of <paramref name="kernel"/>.</summary>
    internal SgemmPackedB(int k, int n, SgemmKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        K = k;
        N = n;
        Kernel = kernel;
        Panels = (n + Kernel.Nr - 1) / Kernel.Nr;
        const int AlignFloats = 16;
        _storage = GC.AllocateArray<float>(checked(Panels * Kernel.Nr * k) + AlignFloats, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        Data = (float*)((address + 63) & ~(nuint)63);
    }

    /// <summary>Rows of op(B), the inner dimension of the product.</summary>
    public int K { get; }

    /// <summary>Columns of op(B) and of the product.</summary>
    public int N { get; }

    internal SgemmKernel Kernel { get; }

    /// <summary>Number of NR-wide column panels.</summary>
    internal int Panels { get; }

    /// <summary>
    /// Packed panels: k-block b (k rows b * KC onwards) starts at b * KC * Panels * NR, and holds
    /// the panels one after another, each kc steps of NR values.
    /// </summary>
    internal float* Data { get; }

    /// <summary>
    /// Packs op(B): stored k x n with row stride <paramref name="ldb"/> &gt;= n when
    /// <paramref name="transB"/> is false, n x k with <paramref name="ldb"/> &gt;= k when true.
    /// </summary>
    public void Pack(bool transB, ReadOnlySpan<float> b, int ldb)
    {
        CheckStride(transB, ldb);
        int rows = transB ? N : K;
        int cols = transB ? K : N;
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ldb + cols;
        if (b.Length < needed)
        {
            throw new ArgumentException(
                $"B is stored as {rows} x {cols} with row stride {ldb}, which needs {needed} elements, but the span has {b.Length}.",
                nameof(b));
        }
        fixed (float* pb = b)
        {
            PackCore(transB, pb, ldb);
        }
    }

    /// <summary>Pointer form of <see cref="Pack(bool, ReadOnlySpan{float}, int)"/>.</summary>
    public void Pack(bool transB, float* b, int ldb)
    {
        CheckStride(transB, ldb);
        if (b == null && K > 0 && N > 0)
        {
            throw new ArgumentNullException(nameof(b));
        }
        PackCore(transB, b, ldb);
    }

    private void CheckStride(bool transB, int ldb)
    {
        if (ldb < Math.Max(1, transB ? K : N))
        {
            throw new ArgumentOutOfRangeException(nameof(ldb), ldb, $"ldb must be at least {(transB ? "k" : "n")} (and 1).");
        }
    }

    private void PackCore(bool transB, float* b, int ldb)
    {
        if (N == 0)
        {
            return;
        }
        int nr = Kernel.Nr;
        for (int pc = 0; pc < K; pc += SgemmJob.Kc)
        {
            int kc = Math.Min(SgemmJob.Kc, K - pc);
            SgemmPack.B(Data + (long)pc * Panels * nr, b, ldb, transB, pc, kc, 0, N, nr);
        }
    }
}
