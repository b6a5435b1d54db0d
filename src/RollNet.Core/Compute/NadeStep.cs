using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute;

/// <summary>
/// One key of the NADE on the host, eight units at a time: the step the CPU backend's NADE kernels take for every key,
/// and the step the NADE head takes when it decodes a frame key by key (on the host, whatever the backend), so that
/// decoding and the loss see the same bits.
/// </summary>
internal static class NadeStep
{
    private const int Lanes = 8;

    /// <summary>
    /// Key i of a row in one pass over the N units: h_i = σ(a) (kept in <paramref name="keep"/> unless it is empty),
    /// returns V_i·h_i, and steps a to a_{i+1} = a + t_i·W_i. The host's key-by-key decoding calls it with t = 0 and
    /// steps a itself once it has decided the key.
    /// </summary>
    public static float Key(Span<float> preActivation, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputWeights,
        float t, Span<float> keep)
    {
        int n = preActivation.Length, vectorEnd = n - (n % Lanes);
        bool store = !keep.IsEmpty;
        ref float a = ref MemoryMarshal.GetReference(preActivation);
        ref readonly float w = ref MemoryMarshal.GetReference(weights);
        ref readonly float v = ref MemoryMarshal.GetReference(outputWeights);
        ref float h = ref MemoryMarshal.GetReference(keep);
        Vector256<float> step = Vector256.Create(t), dot = Vector256<float>.Zero;
        for (int j = 0; j < vectorEnd; j += Lanes)
        {
            Vector256<float> aj = Vector256.LoadUnsafe(ref a, (nuint)j);
            Vector256<float> hj = Logistic.Sigmoid(aj);
            if (store)
            {
                hj.StoreUnsafe(ref h, (nuint)j);
            }

            dot = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(in v, (nuint)j), hj, dot);
            if (t != 0)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(in w, (nuint)j), step, aj).StoreUnsafe(ref a, (nuint)j);
            }
        }

        int rest = n - vectorEnd;
        if (rest > 0)
        {
            // The last N mod 8 units as one more vector, padded with zeros (V = 0 there, so the dot is unchanged).
            Span<float> tail = stackalloc float[3 * Lanes];
            tail.Clear();
            preActivation.Slice(vectorEnd).CopyTo(tail);
            outputWeights.Slice(vectorEnd).CopyTo(tail.Slice(Lanes));
            weights.Slice(vectorEnd).CopyTo(tail.Slice(2 * Lanes));
            Vector256<float> aj = Vector256.Create((ReadOnlySpan<float>)tail);
            Vector256<float> hj = Logistic.Sigmoid(aj);
            dot = Vector256.FusedMultiplyAdd(Vector256.Create((ReadOnlySpan<float>)tail.Slice(Lanes)), hj, dot);
            if (store)
            {
                hj.CopyTo(tail);
                tail.Slice(0, rest).CopyTo(keep.Slice(vectorEnd));
            }

            if (t != 0)
            {
                Vector256.FusedMultiplyAdd(Vector256.Create((ReadOnlySpan<float>)tail.Slice(2 * Lanes)), step, aj).CopyTo(tail);
                tail.Slice(0, rest).CopyTo(preActivation.Slice(vectorEnd));
            }
        }

        return SumOfLanes(dot);
    }

    /// <summary>The eight lanes added in a fixed order, the same on every instruction set.</summary>
    private static float SumOfLanes(Vector256<float> x)
    {
        Vector128<float> half = x.GetLower() + x.GetUpper();
        return (half.GetElement(0) + half.GetElement(2)) + (half.GetElement(1) + half.GetElement(3));
    }
}
