using ILGPU;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// Tiled SGEMM for GPUs. Each group of 16×16 threads computes a 128×128 tile of C, and each thread an 8×8 block of it
/// in registers (rows ty·4.. and 64 + ty·4.., columns tx·4.. and 64 + tx·4..), so that every value read from shared
/// memory feeds eight multiply-adds. Per step of k a group stages 128×8 of op(A) and 8×128 of op(B) in shared memory,
/// both k-major: each thread reads one quad (four consecutive stored elements) of each operand, as one vector load
/// where the operand allows it, and reads the next step's quads while the current step's products run. Transposes are
/// index arithmetic in the loads, so one kernel serves all four variants.
/// </summary>
internal static class SgemmKernel
{
    /// <summary>Threads per group along each axis.</summary>
    public const int Threads = 16;

    /// <summary>Rows and columns of C per group.</summary>
    public const int Tile = 128;

    private const int Depth = 8;

    // A shared row holds the tile's 128 values and 4 of padding. Quads that run along k are stored transposed, one
    // value per row: with 132 the 32 stores of a warp land in 32 different banks (with 128, two threads share each),
    // and the rows stay 16-byte aligned for the vector reads.
    private const int Stride = Tile + 4;

    [Kernel(ExplicitlyGrouped = true)]
    public static void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s)
    {
        ArrayView<float> aTile = SharedMemory.Allocate<float>(Depth * Stride);
        ArrayView<float> bTile = SharedMemory.Allocate<float>(Depth * Stride);
        ArrayView<Quad> aQuads = aTile.Cast<Quad>(), bQuads = bTile.Cast<Quad>();
        int tx = Group.IdxX, ty = Group.IdxY, thread = (ty * Threads) + tx;
        int row0 = Grid.IdxY * Tile, col0 = Grid.IdxX * Tile;

        // A is stored along k unless transposed; B is stored along k when transposed.
        bool aAlongK = s.TransA == 0, bAlongK = s.TransB != 0;
        Quad nextA = LoadQuad(a, s.Lda, aAlongK, s.QuadsA, row0, s.M, 0, s.K, thread);
        Quad nextB = LoadQuad(b, s.Ldb, bAlongK, s.QuadsB, col0, s.N, 0, s.K, thread);
        QuadBlock c00 = default, c01 = default, c10 = default, c11 = default;

        for (int k0 = 0; k0 < s.K; k0 += Depth)
        {
            StoreQuad(aTile, nextA, aAlongK, thread);
            StoreQuad(bTile, nextB, bAlongK, thread);
            Group.Barrier();

            if (k0 + Depth < s.K)
            {
                nextA = LoadQuad(a, s.Lda, aAlongK, s.QuadsA, row0, s.M, k0 + Depth, s.K, thread);
                nextB = LoadQuad(b, s.Ldb, bAlongK, s.QuadsB, col0, s.N, k0 + Depth, s.K, thread);
            }

            for (int p = 0; p < Depth; p++)
            {
                int at = p * (Stride / 4);
                Quad a0 = aQuads[at + ty], a1 = aQuads[at + 16 + ty];
                Quad b0 = bQuads[at + tx], b1 = bQuads[at + 16 + tx];
                c00.Add(a0, b0);
                c01.Add(a0, b1);
                c10.Add(a1, b0);
                c11.Add(a1, b1);
            }

            Group.Barrier();
        }

        int r = row0 + (ty * 4), q = col0 + (tx * 4);
        Store(c, s, r, q, c00);
        Store(c, s, r, q + 64, c01);
        Store(c, s, r + 64, q, c10);
        Store(c, s, r + 64, q + 64, c11);
    }

    /// <summary>
    /// One thread's quad of the operand's tile at step <paramref name="k0"/>, zeros outside the operand. The tile spans
    /// <see cref="Tile"/> rows of op(A) (or columns of op(B)) from <paramref name="origin"/>, of <paramref name="extent"/>,
    /// and <see cref="Depth"/> values of k. Along k the stored tile is 128 lines of two quads; across, 8 lines of 32.
    /// </summary>
    private static Quad LoadQuad(ArrayView<float> x, int ld, bool alongK, int quads, int origin, int extent, int k0, int k,
        int thread)
    {
        int line, lines, first, length;
        if (alongK)
        {
            (line, lines, first, length) = (origin + (thread >> 1), extent, k0 + ((thread & 1) * 4), k);
        }
        else
        {
            (line, lines, first, length) = (k0 + (thread >> 5), k, origin + ((thread & 31) * 4), extent);
        }

        if (line >= lines)
        {
            return default;
        }

        long at = ((long)line * ld) + first;
        if (quads != 0 && first + 3 < length)
        {
            // first is a multiple of four, and so are ld and the view's start: the quad is 16-byte aligned.
            return x.Cast<Quad>()[at / 4];
        }

        return new Quad(Element(x, at, first, length), Element(x, at + 1, first + 1, length),
            Element(x, at + 2, first + 2, length), Element(x, at + 3, first + 3, length));
    }

    private static float Element(ArrayView<float> x, long at, int index, int length) => index < length ? x[at] : 0;

    /// <summary>Puts a thread's quad into the k-major shared tile: transposed when it runs along k.</summary>
    private static void StoreQuad(ArrayView<float> tile, Quad quad, bool alongK, int thread)
    {
        if (alongK)
        {
            int at = ((thread & 1) * 4 * Stride) + (thread >> 1);
            tile[at] = quad.X;
            tile[at + Stride] = quad.Y;
            tile[at + (2 * Stride)] = quad.Z;
            tile[at + (3 * Stride)] = quad.W;
        }
        else
        {
            tile.Cast<Quad>()[((thread >> 5) * (Stride / 4)) + (thread & 31)] = quad;
        }
    }

    /// <summary>Writes a thread's 4×4 block at (row, col) of C, the parts that fall inside C.</summary>
    private static void Store(ArrayView<float> c, GemmShape s, int row, int col, QuadBlock block)
    {
        Store(c, s, row, col, block.R0);
        Store(c, s, row + 1, col, block.R1);
        Store(c, s, row + 2, col, block.R2);
        Store(c, s, row + 3, col, block.R3);
    }

    private static void Store(ArrayView<float> c, GemmShape s, int row, int col, Quad values)
    {
        if (row >= s.M)
        {
            return;
        }

        long at = ((long)row * s.Ldc) + col;
        Store(c, s, at, col, values.X);
        Store(c, s, at + 1, col + 1, values.Y);
        Store(c, s, at + 2, col + 2, values.Z);
        Store(c, s, at + 3, col + 3, values.W);
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
