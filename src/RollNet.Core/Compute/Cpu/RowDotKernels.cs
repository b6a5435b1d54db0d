using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>
/// Dot products of one float32 row with four stored weight rows at once: each load of the row serves four
/// products, and the weights stream through once. The kernel of products with very few rows, which are bound by
/// reading the weights.
/// </summary>
internal static unsafe class RowDotKernels
{
    /// <summary>results[r] = Σ_p a[p]·w_r[p] for the four rows w_r = w + r·ldw (rows may repeat).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4<TFormat, TElement>(float* a, TElement* w0, TElement* w1, TElement* w2, TElement* w3,
        int k, Span<float> results)
        where TFormat : IWeightFormat<TElement>
        where TElement : unmanaged
    {
        int p = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (; p <= k - 8; p += 8)
            {
                Vector256<float> x = Vector256.Load(a + p);
                c0 = Vector256.FusedMultiplyAdd(x, TFormat.Load8(w0 + p), c0);
                c1 = Vector256.FusedMultiplyAdd(x, TFormat.Load8(w1 + p), c1);
                c2 = Vector256.FusedMultiplyAdd(x, TFormat.Load8(w2 + p), c2);
                c3 = Vector256.FusedMultiplyAdd(x, TFormat.Load8(w3 + p), c3);
            }

            (s0, s1, s2, s3) = (Vector256.Sum(c0), Vector256.Sum(c1), Vector256.Sum(c2), Vector256.Sum(c3));
        }

        for (; p < k; p++)
        {
            float x = a[p];
            s0 = MathF.FusedMultiplyAdd(x, TFormat.Load1(w0 + p), s0);
            s1 = MathF.FusedMultiplyAdd(x, TFormat.Load1(w1 + p), s1);
            s2 = MathF.FusedMultiplyAdd(x, TFormat.Load1(w2 + p), s2);
            s3 = MathF.FusedMultiplyAdd(x, TFormat.Load1(w3 + p), s3);
        }

        results[0] = s0;
        results[1] = s1;
        results[2] = s2;
        results[3] = s3;
    }
}
