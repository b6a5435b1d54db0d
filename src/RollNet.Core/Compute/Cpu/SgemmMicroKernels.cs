using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RollNet.Compute.Cpu;

/// <summary>
/// Register-tiled SGEMM micro-kernels. Each computes one MR x NR tile of C from a packed A
/// micro-panel (kc steps of MR values) and a packed B micro-panel (kc steps of NR values), then
/// writes alpha * acc when beta is 0 (C is not read) or alpha * acc + beta * C otherwise.
/// The vector kernels also touch NR bytes from <c>prefetch</c> onwards per step of k, a quarter of the 4·NR bytes
/// that a step of a B panel holds, so that over four tiles the next panel of a B read from memory arrives before it
/// is needed; a caller with nothing to fetch passes b. Prefetching moves data only, never a result.
/// </summary>
internal static unsafe class SgemmMicroKernels
{
    // 8x32 tile on Vector512. Wider tiles (8x48, 12x32, 6x64) run the same in-cache speed here, but
    // 8 rows and 32 columns divide the power-of-two sizes of the network, so no tile is partial.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Avx512x8x32(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, byte* prefetch)
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Prefetch(prefetch + (p * 32));
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).Store(c);
            (c01 * va).Store(c + 16);
            (c10 * va).Store(c + 1 * ldc);
            (c11 * va).Store(c + 1 * ldc + 16);
            (c20 * va).Store(c + 2 * ldc);
            (c21 * va).Store(c + 2 * ldc + 16);
            (c30 * va).Store(c + 3 * ldc);
            (c31 * va).Store(c + 3 * ldc + 16);
            (c40 * va).Store(c + 4 * ldc);
            (c41 * va).Store(c + 4 * ldc + 16);
            (c50 * va).Store(c + 5 * ldc);
            (c51 * va).Store(c + 5 * ldc + 16);
            (c60 * va).Store(c + 6 * ldc);
            (c61 * va).Store(c + 6 * ldc + 16);
            (c70 * va).Store(c + 7 * ldc);
            (c71 * va).Store(c + 7 * ldc + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Vector512.FusedMultiplyAdd(c00, va, vb * Vector512.Load(c)).Store(c);
            Vector512.FusedMultiplyAdd(c01, va, vb * Vector512.Load(c + 16)).Store(c + 16);
            Vector512.FusedMultiplyAdd(c10, va, vb * Vector512.Load(c + 1 * ldc)).Store(c + 1 * ldc);
            Vector512.FusedMultiplyAdd(c11, va, vb * Vector512.Load(c + 1 * ldc + 16)).Store(c + 1 * ldc + 16);
            Vector512.FusedMultiplyAdd(c20, va, vb * Vector512.Load(c + 2 * ldc)).Store(c + 2 * ldc);
            Vector512.FusedMultiplyAdd(c21, va, vb * Vector512.Load(c + 2 * ldc + 16)).Store(c + 2 * ldc + 16);
            Vector512.FusedMultiplyAdd(c30, va, vb * Vector512.Load(c + 3 * ldc)).Store(c + 3 * ldc);
            Vector512.FusedMultiplyAdd(c31, va, vb * Vector512.Load(c + 3 * ldc + 16)).Store(c + 3 * ldc + 16);
            Vector512.FusedMultiplyAdd(c40, va, vb * Vector512.Load(c + 4 * ldc)).Store(c + 4 * ldc);
            Vector512.FusedMultiplyAdd(c41, va, vb * Vector512.Load(c + 4 * ldc + 16)).Store(c + 4 * ldc + 16);
            Vector512.FusedMultiplyAdd(c50, va, vb * Vector512.Load(c + 5 * ldc)).Store(c + 5 * ldc);
            Vector512.FusedMultiplyAdd(c51, va, vb * Vector512.Load(c + 5 * ldc + 16)).Store(c + 5 * ldc + 16);
            Vector512.FusedMultiplyAdd(c60, va, vb * Vector512.Load(c + 6 * ldc)).Store(c + 6 * ldc);
            Vector512.FusedMultiplyAdd(c61, va, vb * Vector512.Load(c + 6 * ldc + 16)).Store(c + 6 * ldc + 16);
            Vector512.FusedMultiplyAdd(c70, va, vb * Vector512.Load(c + 7 * ldc)).Store(c + 7 * ldc);
            Vector512.FusedMultiplyAdd(c71, va, vb * Vector512.Load(c + 7 * ldc + 16)).Store(c + 7 * ldc + 16);
        }
    }

    // 6x16 tile on Vector256: 12 accumulators leave room for the 2 B vectors and the broadcast A value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Avx256x6x16(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, byte* prefetch)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Prefetch(prefetch + (p * 16));
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).Store(c);
            (c01 * va).Store(c + 8);
            (c10 * va).Store(c + 1 * ldc);
            (c11 * va).Store(c + 1 * ldc + 8);
            (c20 * va).Store(c + 2 * ldc);
            (c21 * va).Store(c + 2 * ldc + 8);
            (c30 * va).Store(c + 3 * ldc);
            (c31 * va).Store(c + 3 * ldc + 8);
            (c40 * va).Store(c + 4 * ldc);
            (c41 * va).Store(c + 4 * ldc + 8);
            (c50 * va).Store(c + 5 * ldc);
            (c51 * va).Store(c + 5 * ldc + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.FusedMultiplyAdd(c00, va, vb * Vector256.Load(c)).Store(c);
            Vector256.FusedMultiplyAdd(c01, va, vb * Vector256.Load(c + 8)).Store(c + 8);
            Vector256.FusedMultiplyAdd(c10, va, vb * Vector256.Load(c + 1 * ldc)).Store(c + 1 * ldc);
            Vector256.FusedMultiplyAdd(c11, va, vb * Vector256.Load(c + 1 * ldc + 8)).Store(c + 1 * ldc + 8);
            Vector256.FusedMultiplyAdd(c20, va, vb * Vector256.Load(c + 2 * ldc)).Store(c + 2 * ldc);
            Vector256.FusedMultiplyAdd(c21, va, vb * Vector256.Load(c + 2 * ldc + 8)).Store(c + 2 * ldc + 8);
            Vector256.FusedMultiplyAdd(c30, va, vb * Vector256.Load(c + 3 * ldc)).Store(c + 3 * ldc);
            Vector256.FusedMultiplyAdd(c31, va, vb * Vector256.Load(c + 3 * ldc + 8)).Store(c + 3 * ldc + 8);
            Vector256.FusedMultiplyAdd(c40, va, vb * Vector256.Load(c + 4 * ldc)).Store(c + 4 * ldc);
            Vector256.FusedMultiplyAdd(c41, va, vb * Vector256.Load(c + 4 * ldc + 8)).Store(c + 4 * ldc + 8);
            Vector256.FusedMultiplyAdd(c50, va, vb * Vector256.Load(c + 5 * ldc)).Store(c + 5 * ldc);
            Vector256.FusedMultiplyAdd(c51, va, vb * Vector256.Load(c + 5 * ldc + 8)).Store(c + 5 * ldc + 8);
        }
    }

    // 4x16 tail tile on Vector256 for the rows that 6 does not divide: 8 accumulators, just enough independent FMAs
    // to cover their latency, each summed along k exactly as the 6x16 kernel sums it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Avx256x4x16(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, byte* prefetch)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Prefetch(prefetch + (p * 16));
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            a += 4;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (c00 * va).Store(c);
            (c01 * va).Store(c + 8);
            (c10 * va).Store(c + 1 * ldc);
            (c11 * va).Store(c + 1 * ldc + 8);
            (c20 * va).Store(c + 2 * ldc);
            (c21 * va).Store(c + 2 * ldc + 8);
            (c30 * va).Store(c + 3 * ldc);
            (c31 * va).Store(c + 3 * ldc + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.FusedMultiplyAdd(c00, va, vb * Vector256.Load(c)).Store(c);
            Vector256.FusedMultiplyAdd(c01, va, vb * Vector256.Load(c + 8)).Store(c + 8);
            Vector256.FusedMultiplyAdd(c10, va, vb * Vector256.Load(c + 1 * ldc)).Store(c + 1 * ldc);
            Vector256.FusedMultiplyAdd(c11, va, vb * Vector256.Load(c + 1 * ldc + 8)).Store(c + 1 * ldc + 8);
            Vector256.FusedMultiplyAdd(c20, va, vb * Vector256.Load(c + 2 * ldc)).Store(c + 2 * ldc);
            Vector256.FusedMultiplyAdd(c21, va, vb * Vector256.Load(c + 2 * ldc + 8)).Store(c + 2 * ldc + 8);
            Vector256.FusedMultiplyAdd(c30, va, vb * Vector256.Load(c + 3 * ldc)).Store(c + 3 * ldc);
            Vector256.FusedMultiplyAdd(c31, va, vb * Vector256.Load(c + 3 * ldc + 8)).Store(c + 3 * ldc + 8);
        }
    }

    // Portable 4x4 tile for machines without wide vectors; it does not prefetch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Scalar4x4(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta, byte* prefetch)
    {
        float* acc = stackalloc float[16];
        for (int i = 0; i < 16; i++)
        {
            acc[i] = 0f;
        }
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float ar = a[r];
                for (int j = 0; j < 4; j++)
                {
                    acc[r * 4 + j] += ar * b[j];
                }
            }
            a += 4;
            b += 4;
        }
        for (int r = 0; r < 4; r++)
        {
            float* row = c + r * ldc;
            for (int j = 0; j < 4; j++)
            {
                row[j] = beta == 0f ? alpha * acc[r * 4 + j] : alpha * acc[r * 4 + j] + beta * row[j];
            }
        }
    }

    /// <summary>Asks for the cache line holding <paramref name="address"/> where the instruction set can; moves no value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Prefetch(byte* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }
}
