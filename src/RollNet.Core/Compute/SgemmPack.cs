using System.Runtime.CompilerServices;

namespace RollNet.Compute;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panel layout the micro-kernels
/// stream through. Transposes are absorbed here; edges are padded with zeros to full panels.
/// </summary>
internal static unsafe class SgemmPack
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] into panels of <paramref name="mr"/> rows; panel r holds
    /// kc steps of mr values and starts at dst + r * mr * kc.
    /// </summary>
    public static void A(float* dst, float* a, int lda, bool transA, int i0, int mc, int p0, int kc, int mr)
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* panel = dst + ir * kc;
            if (transA)
            {
                // op(A) rows are contiguous columns of the stored A.
                float* src = a + (long)p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += lda)
                {
                    float* d = panel + p * mr;
                    Unsafe.CopyBlockUnaligned(d, src, (uint)(rows * sizeof(float)));
                    for (int r = rows; r < mr; r++)
                    {
                        d[r] = 0f;
                    }
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    float* src = a + (long)(i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * mr + r] = src[p];
                    }
                }
                for (int r = rows; r < mr; r++)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] into panels of <paramref name="nr"/> columns; panel j
    /// holds kc steps of nr values and starts at dst + j * nr * kc.
    /// </summary>
    public static void B(float* dst, float* b, int ldb, bool transB, int p0, int kc, int j0, int nc, int nr)
    {
        if (!transB)
        {
            // Walk B row by row so each source row is read once, contiguously.
            for (int p = 0; p < kc; p++)
            {
                float* src = b + (long)(p0 + p) * ldb + j0;
                for (int jr = 0; jr < nc; jr += nr)
                {
                    int cols = Math.Min(nr, nc - jr);
                    float* d = dst + jr * kc + p * nr;
                    Unsafe.CopyBlockUnaligned(d, src + jr, (uint)(cols * sizeof(float)));
                    for (int j = cols; j < nr; j++)
                    {
                        d[j] = 0f;
                    }
                }
            }
            return;
        }

        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* panel = dst + jr * kc;
            for (int j = 0; j < cols; j++)
            {
                float* src = b + (long)(j0 + jr + j) * ldb + p0;
                for (int p = 0; p < kc; p++)
                {
                    panel[p * nr + j] = src[p];
                }
            }
            for (int j = cols; j < nr; j++)
            {
                for (int p = 0; p < kc; p++)
                {
                    panel[p * nr + j] = 0f;
                }
            }
        }
    }
}
