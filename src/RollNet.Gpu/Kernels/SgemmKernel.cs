using ILGPU;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// Tiled SGEMM: each group of 16×16 threads computes a 64×64 tile of C, staging 64×16 of op(A) and 16×64 of op(B)
/// through shared memory per step of k; each thread keeps a 4×4 block of C in registers. Transposes are index
/// arithmetic in the tile loads, so one kernel serves all four variants.
/// </summary>
internal static class SgemmKernel
{
    /// <summary>Threads per group along each axis.</summary>
    public const int Threads = 16;

    /// <summary>Rows and columns of C per group.</summary>
    public const int Tile = 64;

    private const int Depth = 16;
    private const int Loads = Tile * Depth / (Threads * Threads);

    public static void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s)
    {
        // Both tiles are stored k-major ([p][row], [p][col]) so the inner loop reads a row of each.
        ArrayView<float> aTile = SharedMemory.Allocate<float>(Depth * Tile);
        ArrayView<float> bTile = SharedMemory.Allocate<float>(Depth * Tile);
        int tx = Group.IdxX, ty = Group.IdxY, thread = (ty * Threads) + tx;
        int row0 = Grid.IdxY * Tile, col0 = Grid.IdxX * Tile;

        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;

        for (int k0 = 0; k0 < s.K; k0 += Depth)
        {
            for (int l = 0; l < Loads; l++)
            {
                int e = thread + (l * Threads * Threads);

                // Consecutive threads walk the stored matrix's contiguous dimension, so the loads coalesce.
                int ar = s.TransA != 0 ? e % Tile : e / Depth, ap = s.TransA != 0 ? e / Tile : e % Depth;
                int row = row0 + ar, p = k0 + ap;
                aTile[(ap * Tile) + ar] = row < s.M && p < s.K
                    ? a[s.TransA != 0 ? ((long)p * s.Lda) + row : ((long)row * s.Lda) + p]
                    : 0;

                int bc = s.TransB != 0 ? e / Depth : e % Tile, bp = s.TransB != 0 ? e % Depth : e / Tile;
                int col = col0 + bc;
                p = k0 + bp;
                bTile[(bp * Tile) + bc] = col < s.N && p < s.K
                    ? b[s.TransB != 0 ? ((long)col * s.Ldb) + p : ((long)p * s.Ldb) + col]
                    : 0;
            }

            Group.Barrier();
            for (int p = 0; p < Depth; p++)
            {
                int ai = (p * Tile) + ty, bi = (p * Tile) + tx;
                float a0 = aTile[ai], a1 = aTile[ai + 16], a2 = aTile[ai + 32], a3 = aTile[ai + 48];
                float b0 = bTile[bi], b1 = bTile[bi + 16], b2 = bTile[bi + 32], b3 = bTile[bi + 48];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }

            Group.Barrier();
        }

        int r = row0 + ty, q = col0 + tx;
        Store(c, s, r, q, c00, c01, c02, c03);
        Store(c, s, r + 16, q, c10, c11, c12, c13);
        Store(c, s, r + 32, q, c20, c21, c22, c23);
        Store(c, s, r + 48, q, c30, c31, c32, c33);
    }

    /// <summary>Writes one thread's row of four results (columns q, q+16, q+32, q+48) that fall inside C.</summary>
    private static void Store(ArrayView<float> c, GemmShape s, int row, int q, float v0, float v1, float v2, float v3)
    {
        if (row >= s.M)
        {
            return;
        }

        long at = ((long)row * s.Ldc) + q;
        Store(c, s, at, q, v0);
        Store(c, s, at + 16, q + 16, v1);
        Store(c, s, at + 32, q + 32, v2);
        Store(c, s, at + 48, q + 48, v3);
    }

    private static void Store(ArrayView<float> c, GemmShape s, long at, int col, float value)
    {
        if (col < s.N)
        {
            // beta = 0 must not read C: it may hold NaN.
            c[at] = s.Beta == 0 ? s.Alpha * value : (s.Alpha * value) + (s.Beta * c[at]);
        }
    }
}
