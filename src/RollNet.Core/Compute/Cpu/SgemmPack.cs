using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void A(float* dst, float* a, int lda, bool transA, int i0, int mc, int p0, int kc, int mr)
    {
        if (transA)
        {
            Interleave(dst, a + (long)p0 * lda + i0, lda, kc, mc, mr);
        }
        else
        {
            Gather(dst, a + (long)i0 * lda + p0, lda, mc, kc, mr);
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] into panels of <paramref name="nr"/> columns; panel j
    /// holds kc steps of nr values and starts at dst + j * nr * kc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void B(float* dst, float* b, int ldb, bool transB, int p0, int kc, int j0, int nc, int nr)
    {
        if (transB)
        {
            Gather(dst, b + (long)j0 * ldb + p0, ldb, nc, kc, nr);
        }
        else
        {
            Interleave(dst, b + (long)p0 * ldb + j0, ldb, kc, nc, nr);
        }
    }

    // The source holds kc rows of `count` values each; a panel step is a contiguous slice of one
    // row. Panels lie kc * width floats apart, often a multiple of 4 KiB, so writing one step to
    // every panel would hit a single L1 set: fill each panel for a few rows at a time instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(float* dst, float* src, int lds, int kc, int count, int width)
    {
        const int RowBlock = 8;
        for (int p0 = 0; p0 < kc; p0 += RowBlock)
        {
            int pEnd = Math.Min(p0 + RowBlock, kc);
            for (int i = 0; i < count; i += width)
            {
                int n = Math.Min(width, count - i);
                for (int p = p0; p < pEnd; p++)
                {
                    CopyPadded(dst + i * kc + p * width, src + (long)p * lds + i, n, width);
                }
            }
        }
    }

    // The source holds `count` rows of kc values each; a panel step takes one value from each of
    // `width` rows, so groups of 8 rows are transposed in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(float* dst, float* src, int lds, int count, int kc, int width)
    {
        for (int i = 0; i < count; i += width)
        {
            int rows = Math.Min(width, count - i);
            float* panel = dst + i * kc;
            float* block = src + (long)i * lds;
            if (width < 8 && Avx.IsSupported)
            {
                GatherNarrow(block, lds, rows, panel, width, kc);
                continue;
            }

            int r = 0;
            for (; r + 8 <= rows; r += 8)
            {
                Gather8Rows(block + (long)r * lds, lds, panel + r, width, kc);
            }
            for (; r < rows; r++)
            {
                float* row = block + (long)r * lds;
                for (int p = 0; p < kc; p++)
                {
                    panel[p * width + r] = row[p];
                }
            }
            for (; r < width; r++)
            {
                for (int p = 0; p < kc; p++)
                {
                    panel[p * width + r] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// One panel narrower than 8 (the 6- and 4-row A panels of the Vector256 kernels) from <paramref name="rows"/>
    /// source rows: 8 steps at a time are transposed in registers, rows the panel lacks read as zeros, and the
    /// first <paramref name="width"/> values of each step are kept. Copied one value at a time, these panels held
    /// back the per-step recurrent products, where every worker packs the same 32 rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherNarrow(float* src, int lds, int rows, float* dst, int width, int kc)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            float* s = src + p;
            Vector256<float> r0 = Avx.LoadVector256(s);
            Vector256<float> r1 = rows > 1 ? Avx.LoadVector256(s + lds) : Vector256<float>.Zero;
            Vector256<float> r2 = rows > 2 ? Avx.LoadVector256(s + (2L * lds)) : Vector256<float>.Zero;
            Vector256<float> r3 = rows > 3 ? Avx.LoadVector256(s + (3L * lds)) : Vector256<float>.Zero;
            Vector256<float> r4 = rows > 4 ? Avx.LoadVector256(s + (4L * lds)) : Vector256<float>.Zero;
            Vector256<float> r5 = rows > 5 ? Avx.LoadVector256(s + (5L * lds)) : Vector256<float>.Zero;
            Vector256<float> r6 = rows > 6 ? Avx.LoadVector256(s + (6L * lds)) : Vector256<float>.Zero;
            Vector256<float> r7 = Vector256<float>.Zero;
            Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            float* d = dst + (p * width);
            StoreFirst(r0, d, width);
            StoreFirst(r1, d + width, width);
            StoreFirst(r2, d + (2 * width), width);
            StoreFirst(r3, d + (3 * width), width);
            StoreFirst(r4, d + (4 * width), width);
            StoreFirst(r5, d + (5 * width), width);
            StoreFirst(r6, d + (6 * width), width);
            StoreFirst(r7, d + (7 * width), width);
        }
        for (; p < kc; p++)
        {
            for (int r = 0; r < width; r++)
            {
                dst[(p * width) + r] = r < rows ? src[((long)r * lds) + p] : 0f;
            }
        }
    }

    /// <summary>Writes the first <paramref name="width"/> (fewer than 8) lanes of <paramref name="v"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFirst(Vector256<float> v, float* dst, int width)
    {
        int r = 0;
        if (width >= 4)
        {
            v.GetLower().Store(dst);
            r = 4;
        }
        if (width >= 6)
        {
            Sse2.StoreLow((double*)(dst + 4), v.GetUpper().AsDouble());
            r = 6;
        }
        for (; r < width; r++)
        {
            dst[r] = v.GetElement(r);
        }
    }

    /// <summary>
    /// Copies one panel step of <paramref name="count"/> values and pads it with zeros to <paramref name="width"/>: 8
    /// values at a time, then 4 and 2, so that the 6- and 4-wide A panels of the Vector256 kernels (a transposed A, as in
    /// the weight gradients) copy in two moves rather than value by value. Inlined: it runs once per step of every panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPadded(float* dst, float* src, int count, int width)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
            if (i + 4 <= count)
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
                i += 4;
            }
            if (i + 2 <= count)
            {
                *(ulong*)(dst + i) = *(ulong*)(src + i);
                i += 2;
            }
        }
        for (; i < count; i++)
        {
            dst[i] = src[i];
        }
        for (; i < width; i++)
        {
            dst[i] = 0f;
        }
    }

    /// <summary>
    /// Interleaves 8 source rows of <paramref name="count"/> values: step p of the destination
    /// (at dst + p * ldd) receives element p of each row, in row order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + lds);
        Vector256<float> r2 = Avx.LoadVector256(src + (2L * lds));
        Vector256<float> r3 = Avx.LoadVector256(src + (3L * lds));
        Vector256<float> r4 = Avx.LoadVector256(src + (4L * lds));
        Vector256<float> r5 = Avx.LoadVector256(src + (5L * lds));
        Vector256<float> r6 = Avx.LoadVector256(src + (6L * lds));
        Vector256<float> r7 = Avx.LoadVector256(src + (7L * lds));
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Avx.Store(dst, r0);
        Avx.Store(dst + ldd, r1);
        Avx.Store(dst + (2 * ldd), r2);
        Avx.Store(dst + (3 * ldd), r3);
        Avx.Store(dst + (4 * ldd), r4);
        Avx.Store(dst + (5 * ldd), r5);
        Avx.Store(dst + (6 * ldd), r6);
        Avx.Store(dst + (7 * ldd), r7);
    }

    /// <summary>Transposes the 8×8 block whose rows are r0…r7 in place: on return rk holds column k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2,
        ref Vector256<float> r3, ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6,
        ref Vector256<float> r7)
    {
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

        r0 = Avx.Permute2x128(u0, u4, 0x20);
        r1 = Avx.Permute2x128(u1, u5, 0x20);
        r2 = Avx.Permute2x128(u2, u6, 0x20);
        r3 = Avx.Permute2x128(u3, u7, 0x20);
        r4 = Avx.Permute2x128(u0, u4, 0x31);
        r5 = Avx.Permute2x128(u1, u5, 0x31);
        r6 = Avx.Permute2x128(u2, u6, 0x31);
        r7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
