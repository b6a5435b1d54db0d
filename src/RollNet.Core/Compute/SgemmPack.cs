using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
                float* src = a + (long)(i0 + ir) * lda + p0;
                int r = 0;
                if (rows == mr)
                {
                    for (; r + 8 <= rows; r += 8)
                    {
                        Gather8Rows(src + (long)r * lda, lda, panel + r, mr, kc);
                    }
                }
                for (; r < rows; r++)
                {
                    float* row = src + (long)r * lda;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * mr + r] = row[p];
                    }
                }
                for (r = rows; r < mr; r++)
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
            float* src = b + (long)(j0 + jr) * ldb + p0;
            int j = 0;
            for (; j + 8 <= cols; j += 8)
            {
                Gather8Rows(src + (long)j * ldb, ldb, panel + j, nr, kc);
            }
            for (; j < cols; j++)
            {
                float* row = src + (long)j * ldb;
                for (int p = 0; p < kc; p++)
                {
                    panel[p * nr + j] = row[p];
                }
            }
            for (j = cols; j < nr; j++)
            {
                for (int p = 0; p < kc; p++)
                {
                    panel[p * nr + j] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Interleaves 8 source rows of <paramref name="count"/> values: step p of the destination
    /// (at dst + p * ldd) receives element p of each row, in row order.
    /// </summary>
    private static void Gather8Rows(float* src, int lds, float* dst, int ldd, int count)
    {
        int p = 0;
        if (Avx.IsSupported)
        {
            for (; p + 8 <= count; p += 8)
            {
                Transpose8x8(src + p, lds, dst + p * ldd, ldd);
            }
        }
        for (; p < count; p++)
        {
            for (int r = 0; r < 8; r++)
            {
                dst[p * ldd + r] = src[(long)r * lds + p];
            }
        }
    }

    private static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + lds);
        Vector256<float> r2 = Avx.LoadVector256(src + 2L * lds);
        Vector256<float> r3 = Avx.LoadVector256(src + 3L * lds);
        Vector256<float> r4 = Avx.LoadVector256(src + 4L * lds);
        Vector256<float> r5 = Avx.LoadVector256(src + 5L * lds);
        Vector256<float> r6 = Avx.LoadVector256(src + 6L * lds);
        Vector256<float> r7 = Avx.LoadVector256(src + 7L * lds);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
