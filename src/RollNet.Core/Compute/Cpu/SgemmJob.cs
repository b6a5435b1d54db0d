using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute.Cpu;

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
        int mainRows = Kernel.MainRows(M);
        if (SplitRows)
        {
            int mainTiles = (mainRows + Kernel.Mr - 1) / Kernel.Mr;
            int tiles = mainTiles + (mainRows == M ? 0 : (M - mainRows + Kernel.TailMr - 1) / Kernel.TailMr);
            int first = RowOfTile((int)((long)tiles * worker / workers), mainTiles, mainRows);
            int last = RowOfTile((int)((long)tiles * (worker + 1) / workers), mainTiles, mainRows);
            if (first < last)
            {
                Compute(first, last, 0, N, mainRows);
            }

            return;
        }

        int columnTiles = (N + Kernel.Nr - 1) / Kernel.Nr;
        int start = (int)((long)columnTiles * worker / workers) * Kernel.Nr;
        int end = Math.Min((int)((long)columnTiles * (worker + 1) / workers) * Kernel.Nr, N);
        if (start < end)
        {
            Compute(0, M, start, end, mainRows);
        }
    }

    /// <summary>The first row of row tile <paramref name="tile"/>: main tiles of Mr rows, then tail tiles of TailMr.</summary>
    private readonly int RowOfTile(int tile, int mainTiles, int mainRows) =>
        tile <= mainTiles
            ? Math.Min(tile * Kernel.Mr, mainRows)
            : Math.Min(mainRows + ((tile - mainTiles) * Kernel.TailMr), M);

    private readonly void Compute(int rowStart, int rowEnd, int colStart, int colEnd, int mainRows)
    {
        int mr = Kernel.Mr;
        int nr = Kernel.Nr;
        int mcMax = McTarget / mr * mr;
        int ncMax = NcTarget / nr * nr;
        int kcMax = Math.Min(Kc, K);
        // A block that reaches the tail rows takes all of them, fewer than TailMr · Mr (see SgemmKernel.MainRows).
        int aRows = mcMax + (Kernel.TailMr * mr);
        float* packA = Buffer(aRows * kcMax + kcMax * ncMax + mr * nr);
        float* packB = packA + aRows * kcMax;
        float* edge = packB + kcMax * ncMax;

        // A B packed beforehand needs no block buffer, so one column block spans the worker's columns and each
        // k-block of A is packed once rather than once per 1,024 columns (2–3 % on the recurrent products).
        int ncStep = PackedB is null ? ncMax : colEnd - colStart;
        for (int jc = colStart; jc < colEnd; jc += ncStep)
        {
            int nc = Math.Min(ncStep, colEnd - jc);
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
                for (int ic = rowStart, mc; ic < rowEnd; ic += mc)
                {
                    mc = ic + mcMax >= mainRows ? rowEnd - ic : Math.Min(mcMax, rowEnd - ic);
                    var rows = new RowBlock(ic, mc, mainRows, mr, kc);
                    SgemmPack.A(packA, A, Lda, TransA, ic, rows.Main, pc, kc, mr);
                    if (rows.Main < mc)
                    {
                        SgemmPack.A(packA + rows.TailPanels, A, Lda, TransA, ic + rows.Main, mc - rows.Main, pc, kc,
                            Kernel.TailMr);
                    }

                    float* cBlock = C + (long)ic * Ldc + jc;
                    if (PackedB is null)
                    {
                        // The freshly packed B block is L2-resident: keep each A panel in L1 and
                        // stream the B block past it.
                        for (int ir = 0; ir < mc; ir += RowsOfTile(ir, rows))
                        {
                            for (int jr = 0; jr < nc; jr += nr)
                            {
                                float* bPanel = blockB + jr * kc;
                                Tile(packA, rows, ir, bPanel, cBlock + (long)ir * Ldc + jr, Math.Min(nr, nc - jr), kc, beta, edge,
                                    (byte*)bPanel);
                            }
                        }
                    }
                    else
                    {
                        // A pre-packed B comes from L3 or memory: read each B panel once and keep
                        // it in L1 across the A panels, while the first tiles fetch the next panel a
                        // quarter each (without it, 32 rows ran at 70 % of peak rather than 88 %).
                        // Going down a panel, each tile's rows of C lie a whole row stride from the
                        // last ones, where no hardware prefetcher looks, so each tile asks for the next
                        // tile's rows while it computes: the input products of a whole sequence went from
                        // 81 to 88 GFLOP/s on one core, and the recurrent products of a layer, whose 32
                        // rows of gates the input product wrote long before, 4 % (Vector512) and 9 %
                        // (Vector256) faster on Zen 4. A C already in the caches lost nothing there, and
                        // 1.5–2 % on Zen 3.
                        long panelBytes = (long)kc * nr * sizeof(float);
                        long quarter = (long)kc * nr;
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            float* bPanel = blockB + jr * kc;
                            float* cPanel = cBlock + jr;
                            int cols = Math.Min(nr, nc - jr);
                            byte* next = (byte*)(bPanel + (nr * kc));
                            long ahead = jr + nr < nc ? panelBytes : 0;
                            long fetched = 0;
                            for (int ir = 0, nextRow; ir < mc; ir = nextRow, fetched += quarter)
                            {
                                byte* prefetch = fetched < ahead ? next + fetched : (byte*)bPanel;
                                nextRow = ir + RowsOfTile(ir, rows);
                                if (nextRow < mc)
                                {
                                    int nextRows = Math.Min(RowsOfTile(nextRow, rows), mc - nextRow);
                                    PrefetchRows(cPanel + ((long)nextRow * Ldc), nextRows, cols);
                                }

                                Tile(packA, rows, ir, bPanel, cPanel + ((long)ir * Ldc), cols, kc, beta, edge, prefetch);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Asks for the first and last value of each of <paramref name="rows"/> rows of C, <paramref name="cols"/> wide.
    /// </summary>
    private readonly void PrefetchRows(float* c, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            float* row = c + ((long)r * Ldc);
            SgemmMicroKernels.Prefetch((byte*)row);
            SgemmMicroKernels.Prefetch((byte*)(row + cols - 1));
        }
    }

    private readonly int RowsOfTile(int ir, RowBlock rows) => ir < rows.Main ? Kernel.Mr : Kernel.TailMr;

    // Partial tiles run the full-size kernel on a scratch tile so they get exactly the same arithmetic.
    private readonly void Tile(float* packA, RowBlock block, int ir, float* bPanel, float* c, int cols, int kc,
        float beta, float* edge, byte* prefetch)
    {
        bool tail = ir >= block.Main;
        int height = tail ? Kernel.TailMr : Kernel.Mr;
        float* aPanel = tail ? packA + block.TailPanels + ((long)(ir - block.Main) * kc) : packA + ((long)ir * kc);
        delegate*<int, float*, float*, float*, int, float, float, byte*, void> kernel = tail ? Kernel.TailTile : Kernel.Tile;
        int rows = Math.Min(height, block.Rows - ir);
        int nr = Kernel.Nr;
        if (rows == height && cols == nr)
        {
            kernel(kc, aPanel, bPanel, c, Ldc, Alpha, beta, prefetch);
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
        kernel(kc, aPanel, bPanel, edge, nr, Alpha, beta, prefetch);
        for (int r = 0; r < rows; r++)
        {
            Unsafe.CopyBlockUnaligned(c + (long)r * Ldc, edge + r * nr, rowBytes);
        }
    }

    /// <summary>
    /// Rows [ic, ic + Rows) of a block: the first <see cref="Main"/> in panels of Mr, the rest in panels of TailMr
    /// that start <see cref="TailPanels"/> floats into the packed block.
    /// </summary>
    private readonly struct RowBlock(int ic, int rows, int mainRows, int mr, int kc)
    {
        public int Rows { get; } = rows;

        public int Main { get; } = Math.Clamp(mainRows - ic, 0, rows);

        public long TailPanels { get; } = (long)((Math.Clamp(mainRows - ic, 0, rows) + mr - 1) / mr * mr) * kc;
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
