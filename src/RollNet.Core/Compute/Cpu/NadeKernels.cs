using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>
/// The NADE of one frame (Larochelle and Murray 2011) over K keys in a fixed order, with N hidden units, as the CPU
/// computes it: the formulas and shapes of <see cref="Backend.NadeLoss"/> and <see cref="Backend.NadeBackward"/>, whose
/// remarks derive the backward pass.
/// </summary>
/// <remarks>
/// The backward pass recomputes a row's h (K×N, which stays in cache) rather than reading it back from memory: storing
/// it for every row of a batch costs more in memory traffic than the sigmoids cost to evaluate again.
/// Each key is one pass over the N units eight at a time (the last N mod 8 one by one with the same rounding in the
/// backward pass, as a padded vector in <see cref="NadeStep.Key"/>), sums taken in a fixed order, so the bits depend neither on
/// the instruction set nor on where a row starts.
/// </remarks>
internal static class NadeKernels
{
    private const int Lanes = 8;

    /// <summary>
    /// One row forward with its loss: writes dz = (σ(z) − t)·scale (K) and returns
    /// −log p(t) = Σ_i [max(z_i, 0) − z_i·t_i + log(1 + e^−|z_i|)] (nats); preActivation is scratch of N.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ForwardRow(ReadOnlySpan<float> visibleBias, ReadOnlySpan<float> hiddenBias,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> outputWeights, ReadOnlySpan<float> targets, float gradScale,
        Span<float> dVisibleBias, Span<float> preActivation)
    {
        int keys = visibleBias.Length, n = hiddenBias.Length;
        hiddenBias.CopyTo(preActivation);
        double loss = 0;
        for (int i = 0; i < keys; i++)
        {
            float t = targets[i];
            float z = visibleBias[i] + NadeStep.Key(preActivation, weights.Slice(i * n, n), outputWeights.Slice(i * n, n), t, []);
            float e = MathF.Exp(-MathF.Abs(z));
            loss += MathF.Max(z, 0) - (z * t) + MathF.Log(1 + e);
            float sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            dVisibleBias[i] = (sigmoid - t) * gradScale;
        }

        return loss;
    }

    /// <summary>
    /// One row backward from its dz: writes dd = Σ_i da_i and adds the row's dz_i·h_i to <paramref name="dOutputWeights"/>
    /// and t_j·Σ_{i&gt;j} da_i to <paramref name="dWeights"/> (both K×N); hidden (K×N, the row's h recomputed) and
    /// preActivation (N) are scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackwardRow(ReadOnlySpan<float> hiddenBias, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> outputWeights, ReadOnlySpan<float> targets, ReadOnlySpan<float> dVisibleBias,
        Span<float> hidden, Span<float> preActivation, Span<float> dHiddenBias, Span<float> dWeights,
        Span<float> dOutputWeights)
    {
        int keys = targets.Length, n = hiddenBias.Length, vectorEnd = n - (n % Lanes);
        hiddenBias.CopyTo(preActivation);
        for (int i = 0; i < keys; i++)
        {
            NadeStep.Key(preActivation, weights.Slice(i * n, n), outputWeights.Slice(i * n, n), targets[i], hidden.Slice(i * n, n));
        }

        // From the last key down, dd holds Σ_{i'>i} da_i' when key i is reached: the suffix sum dW_i needs.
        dHiddenBias.Clear();
        ref float dd = ref MemoryMarshal.GetReference(dHiddenBias);
        for (int i = keys - 1; i >= 0; i--)
        {
            ref readonly float h = ref MemoryMarshal.GetReference(hidden.Slice(i * n, n));
            ref readonly float v = ref MemoryMarshal.GetReference(outputWeights.Slice(i * n, n));
            ref float dV = ref MemoryMarshal.GetReference(dOutputWeights.Slice(i * n, n));
            ref float dW = ref MemoryMarshal.GetReference(dWeights.Slice(i * n, n));
            float dz = dVisibleBias[i], t = targets[i];
            Vector256<float> dzv = Vector256.Create(dz), tv = Vector256.Create(t);
            for (int j = 0; j < vectorEnd; j += Lanes)
            {
                Vector256<float> hj = Vector256.LoadUnsafe(in h, (nuint)j);
                Vector256<float> ddj = Vector256.LoadUnsafe(ref dd, (nuint)j);
                Vector256.FusedMultiplyAdd(hj, dzv, Vector256.LoadUnsafe(ref dV, (nuint)j)).StoreUnsafe(ref dV, (nuint)j);
                if (t != 0)
                {
                    Vector256.FusedMultiplyAdd(ddj, tv, Vector256.LoadUnsafe(ref dW, (nuint)j)).StoreUnsafe(ref dW, (nuint)j);
                }

                // da = dz·V ⊙ (h − h²).
                Vector256<float> da = Vector256.FusedMultiplyAdd(-hj, hj, hj) * Vector256.LoadUnsafe(in v, (nuint)j) * dzv;
                (ddj + da).StoreUnsafe(ref dd, (nuint)j);
            }

            for (int j = vectorEnd; j < n; j++)
            {
                float hj = Unsafe.Add(ref Unsafe.AsRef(in h), j), ddj = Unsafe.Add(ref dd, j);
                Unsafe.Add(ref dV, j) = MathF.FusedMultiplyAdd(hj, dz, Unsafe.Add(ref dV, j));
                if (t != 0)
                {
                    Unsafe.Add(ref dW, j) = MathF.FusedMultiplyAdd(ddj, t, Unsafe.Add(ref dW, j));
                }

                float da = MathF.FusedMultiplyAdd(-hj, hj, hj) * Unsafe.Add(ref Unsafe.AsRef(in v), j) * dz;
                Unsafe.Add(ref dd, j) = ddj + da;
            }
        }
    }
}
