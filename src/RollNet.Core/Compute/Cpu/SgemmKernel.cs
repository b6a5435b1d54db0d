namespace RollNet.Compute.Cpu;

/// <summary>
/// A micro-kernel together with the tile shape its packed panels must have, and optionally a tail kernel of the same
/// width and fewer rows for the last rows of a product whose height <see cref="Mr"/> does not divide.
/// </summary>
internal readonly unsafe struct SgemmKernel
{
    private SgemmKernel(int mr, int nr, delegate*<int, float*, float*, float*, int, float, float, byte*, void> tile,
        int tailMr = 0, delegate*<int, float*, float*, float*, int, float, float, byte*, void> tailTile = null)
    {
        Mr = mr;
        Nr = nr;
        Tile = tile;
        TailMr = tailMr;
        TailTile = tailTile;
    }

    /// <summary>Rows of C per tile (height of a packed A micro-panel).</summary>
    public int Mr { get; }

    /// <summary>Columns of C per tile (width of a packed B micro-panel).</summary>
    public int Nr { get; }

    /// <summary>Computes one full tile; see <see cref="SgemmMicroKernels"/>.</summary>
    public delegate*<int, float*, float*, float*, int, float, float, byte*, void> Tile { get; }

    /// <summary>Rows of C per tile of the tail kernel, or 0 where there is none.</summary>
    public int TailMr { get; }

    /// <summary>Computes one full tail tile (<see cref="TailMr"/> × <see cref="Nr"/>), or null.</summary>
    public delegate*<int, float*, float*, float*, int, float, float, byte*, void> TailTile { get; }

    public static SgemmKernel Vector512 => new(8, 32, &SgemmMicroKernels.Avx512x8x32);

    // 6 rows do not divide the batches of 8 and 32 rows that the recurrent products have: computed as partial
    // 6-row tiles they would waste a third and a ninth of the work, where 4-row tail tiles waste none.
    public static SgemmKernel Vector256 => new(6, 16, &SgemmMicroKernels.Avx256x6x16, 4, &SgemmMicroKernels.Avx256x4x16);

    public static SgemmKernel Scalar => new(4, 4, &SgemmMicroKernels.Scalar4x4);

    /// <summary>The widest kernel this machine runs with hardware vectors.</summary>
    public static SgemmKernel Best { get; } =
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? Vector512
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? Vector256
        : Scalar;

    /// <summary>
    /// Rows [0, MainRows(m)) of an m-row product run in tiles of <see cref="Mr"/> (the last one partial when it
    /// equals m), the rest in tiles of <see cref="TailMr"/>: of the splits that end the main tiles at a multiple of
    /// Mr, the one that computes the fewest rows, and of those the one with the most main rows. Every element of C
    /// is summed the same way by either kernel, so the split changes the speed only, never the bits.
    /// </summary>
    public int MainRows(int m)
    {
        if (TailMr == 0)
        {
            return m;
        }

        int best = m;
        int bestRows = (m + Mr - 1) / Mr * Mr;
        for (int end = m / Mr * Mr, step = 0; end >= 0 && step < TailMr; end -= Mr, step++)
        {
            int rows = end + ((m - end + TailMr - 1) / TailMr * TailMr);
            if (rows < bestRows)
            {
                best = end;
                bestRows = rows;
            }
        }

        return best;
    }

}
