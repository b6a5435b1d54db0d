using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute;

/// <summary>
/// One blocked SGEMM split into contiguous ranges of whole tiles per worker. Tile boundaries and
/// the k-blocking are the same for any number of workers, so every element of C goes through the
/// same operations in the same order whatever the split.
/// </summary>
internal unsafe struct SgemmJob : IParallelJob
{
    // An MR x KC panel of A sits in L1 while the kernel streams the KC x NC block of B through L2;
    // measured best on a 1 MiB L2 (fewer repacks of A than a block that fits L2 with room to spare).
    internal const int Kc = 256;
    private const int McTarget = 256;
    private const int NcTarget = 1024;

    [ThreadStatic]
    private static float[]? t_buffer;

    public SgemmKernel Kernel;
    public bool TransA;
    public bool TransB;
    public int M;
    public int N;
    public int K;
    public float Alpha;
    public float Beta;
    public float* A;
    public float* B;
    public float* C;
    public int Lda;
    public int Ldb;
    public int Ldc;

    /// <summary>True splits rows of C among the workers, false splits columns.</summary>
    public bool SplitRows;

    /// <summary>B already packed (see <see cref="SgemmPackedB"/>), or null to pack it here.</summary>
    public SgemmPackedB? PackedB;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Execute(int worker, int workers)
    {
        int tile = SplitRows ? Kernel.Mr : Kernel.Nr;
        int extent = SplitRows ? M : N;
        int tiles = (extent + tile - 1) / tile;
        int start = (int)((long)tiles * worker / workers) * tile;
        int end = Math.Min((int)((long)tiles * (worker + 1) / workers) * tile, extent);
        if (start >= end)
        {
            return;
        }
        if (SplitRows)
        {
            Compute(start, end, 0, N);
        }
        else
        {
            Compute(0, M, start, end);
        }
    }

    private readonly void Compute(int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = Kernel.Mr;
        int nr = Kernel.Nr;
        int mcMax = McTarget / mr * mr;
        int ncMax = NcTarget / nr * nr;
        int kcMax = Math.Min(Kc, K);
        float* packA = Buffer(mcMax * kcMax + kcMax * ncMax + mr * nr);
        float* packB = packA + mcMax * kcMax;
        float* edge = packB + kcMax * ncMax;

        for (int jc = colStart; jc < colEnd; jc += ncMax)
        {
            int nc = Math.Min(ncMax, colEnd - jc);
            for (int pc = 0; pc < K; pc += Kc)
            {
                int kc = Math.Min(Kc, K - pc);
                // Later k-blocks add onto what the first one wrote.
                float beta = pc == 0 ? Beta : 1f;
                float* blockB = packB;
                if (PackedB is null)
                {
                    SgemmPack.B(packB, B, Ldb, TransB, pc, kc, jc, nc, nr);
                }
                else
                {
                    blockB = PackedB.Data + (long)pc * PackedB.Panels * nr + (long)jc * kc;
                }
                for (int ic = rowStart; ic < rowEnd; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rowEnd - ic);
                    SgemmPack.A(packA, A, Lda, TransA, ic, mc, pc, kc, mr);
                    float* cBlock = C + (long)ic * Ldc + jc;
                    if (PackedB is null)
                    {
                        // The freshly packed B block is L2-resident: keep each A panel in L1 and
                        // stream the B block past it.
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            for (int jr = 0; jr < nc; jr += nr)
                            {
                                Tile(packA + ir * kc, blockB + jr * kc, cBlock + (long)ir * Ldc + jr, Math.Min(mr, mc - ir), Math.Min(nr, nc - jr), kc, beta, edge);
                            }
                        }
                    }
                    else
                    {
                        // A pre-packed B comes from L3 or memory: read each B panel once and keep
                        // it in L1 across the A panels.
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            for (int ir = 0; ir < mc; ir += mr)
                            {
                                Tile(packA + ir * kc, blockB + jr * kc, cBlock + (long)ir * Ldc + jr, Math.Min(mr, mc - ir), Math.Min(nr, nc - jr), kc, beta, edge);
                            }
                        }
                    }
                }
            }
        }
    }

    // Partial tiles run the full-size kernel on a scratch tile so they get exactly the same arithmetic.
    private readonly void Tile(float* aPanel, float* bPanel, float* c, int rows, int cols, int kc, float beta, float* edge)
    {
        int nr = Kernel.Nr;
        if (rows == Kernel.Mr && cols == nr)
        {
            Kernel.Tile(kc, aPanel, bPanel, c, Ldc, Alpha, beta);
            return;
        }

        uint rowBytes = (uint)(cols * sizeof(float));
        if (beta != 0f)
        {
            for (int r = 0; r < rows; r++)
            {
                Unsafe.CopyBlockUnaligned(edge + r * nr, c + (long)r * Ldc, rowBytes);
            }
        }
        Kernel.Tile(kc, aPanel, bPanel, edge, nr, Alpha, beta);
        for (int r = 0; r < rows; r++)
        {
            Unsafe.CopyBlockUnaligned(c + (long)r * Ldc, edge + r * nr, rowBytes);
        }
    }

    // Per-thread packing space, kept for the thread's lifetime so steady-state calls do not allocate.
    private static float* Buffer(int floats)
    {
        const int AlignFloats = 16;
        float[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < floats + AlignFloats)
        {
            buffer = GC.AllocateUninitializedArray<float>(floats + AlignFloats, pinned: true);
            t_buffer = buffer;
        }
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + 63) & ~(nuint)63);
    }
}
