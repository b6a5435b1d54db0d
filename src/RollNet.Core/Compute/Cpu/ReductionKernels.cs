using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>
/// Sums whose bits depend neither on the instruction set nor on the vector width: TensorPrimitives' sums accumulate in
/// as many lanes as the widest vector has, so Vector512, Vector256 and scalar code add in different orders.
/// </summary>
internal static class ReductionKernels
{
    private const int Lanes = 8;

    /// <summary>
    /// Σ x[j]², accumulated in eight float lanes (element j into lane j mod 8, each square rounded before it is
    /// added), the lanes then added in order in double. Vector256 and scalar code run exactly these operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        Span<float> lanes = stackalloc float[Lanes];
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            Vector256<float> sum = Vector256<float>.Zero;
            for (; j <= x.Length - Lanes; j += Lanes)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref start, (nuint)j);
                sum += v * v;
            }

            sum.CopyTo(lanes);
        }
        else
        {
            lanes.Clear();
            for (; j <= x.Length - Lanes; j += Lanes)
            {
                for (int l = 0; l < Lanes; l++)
                {
                    float v = x[j + l];
                    lanes[l] += v * v;
                }
            }
        }

        for (int l = 0; j < x.Length; j++, l++)
        {
            lanes[l] += x[j] * x[j];
        }

        double total = 0;
        foreach (float lane in lanes)
        {
            total += lane;
        }

        return total;
    }
}
