namespace RollNet.Compute;

/// <summary>A micro-kernel together with the tile shape its packed panels must have.</summary>
internal readonly unsafe struct SgemmKernel
{
    private SgemmKernel(int mr, int nr, delegate*<int, float*, float*, float*, int, float, float, void> tile)
    {
        Mr = mr;
        Nr = nr;
        Tile = tile;
    }

    /// <summary>Rows of C per tile (height of a packed A micro-panel).</summary>
    public int Mr { get; }

    /// <summary>Columns of C per tile (width of a packed B micro-panel).</summary>
    public int Nr { get; }

    /// <summary>Computes one full tile; see <see cref="SgemmMicroKernels"/>.</summary>
    public delegate*<int, float*, float*, float*, int, float, float, void> Tile { get; }

    public static SgemmKernel Vector512 => new(8, 32, &SgemmMicroKernels.Avx512x8x32);

    public static SgemmKernel Vector256 => new(6, 16, &SgemmMicroKernels.Avx256x6x16);

    public static SgemmKernel Scalar => new(4, 4, &SgemmMicroKernels.Scalar4x4);

    /// <summary>The widest kernel this machine runs with hardware vectors.</summary>
    public static SgemmKernel Best { get; } =
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? Vector512
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? Vector256
        : Scalar;
}
