using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RollNet.Compute;

/// <summary>
/// The NADE of one frame (Larochelle and Murray 2011) over K keys in a fixed order, with N hidden units, as the CPU
/// computes it; <see cref="Backend.NadeLoss"/> and <see cref="Backend.NadeBackward"/> give the shapes.
/// </summary>
/// <remarks>
/// Forward, for key i of a row with visible biases c (K), hidden biases d (N) and target frame t:
/// a_i = d + Σ_{j&lt;i} t_j·W_j, h_i = σ(a_i), z_i = c_i + V_i·h_i, p(t_i = 1 | t_&lt;i) = σ(z_i), where W_j and V_i are
/// rows of the K×N matrices W (input weights, one row per key) and V (output weights).
/// Backward, from dz_i = (σ(z_i) − t_i)·scale: dV_i = Σ_rows dz_i·h_i and dc_i = dz_i (z is linear in V_i and c_i);
/// dh_i = dz_i·V_i, da_i = dh_i ⊙ h_i ⊙ (1 − h_i) (the sigmoid's slope); a_i is d plus earlier keys' terms, so
/// dd = Σ_i da_i and dW_j = t_j·Σ_{i&gt;j} da_i, a suffix sum over the keys after j.
/// </remarks>
internal static class NadeKernels
{
    /// <summary>
    /// One row forward with its loss: writes h_i for every key (K×N), dz = (σ(z) − t)·scale (K), and returns
    /// −log p(t) = Σ_i [max(z_i, 0) − z_i·t_i + log(1 + e^−|z_i|)] (nats).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ForwardRow(ReadOnlySpan<float> visibleBias, ReadOnlySpan<float> hiddenBias,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> outputWeights, ReadOnlySpan<float> targets, float gradScale,
        Span<float> hidden, Span<float> dVisibleBias, Span<float> preActivation)
    {
        int keys = visibleBias.Length, n = hiddenBias.Length;
        hiddenBias.CopyTo(preActivation);
        double loss = 0;
        for (int i = 0; i < keys; i++)
        {
            Span<float> h = hidden.Slice(i * n, n);
            TensorPrimitives.Sigmoid(preActivation, h);
            float z = visibleBias[i] + TensorPrimitives.Dot(outputWeights.Slice(i * n, n), h);
            float t = targets[i];
            float e = MathF.Exp(-MathF.Abs(z));
            loss += MathF.Max(z, 0) - (z * t) + MathF.Log(1 + e);
            float sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            dVisibleBias[i] = (sigmoid - t) * gradScale;
            if (t != 0)
            {
                TensorPrimitives.MultiplyAdd(weights.Slice(i * n, n), t, preActivation, preActivation);
            }
        }

        return loss;
    }

    /// <summary>
    /// One row's part of the backward pass: replaces h_i by Σ_{i'&gt;i} da_{i'} for every key (what dW needs) and
    /// writes dd = Σ_i da_i.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SuffixRow(ReadOnlySpan<float> outputWeights, ReadOnlySpan<float> dVisibleBias,
        Span<float> hidden, Span<float> dHiddenBias, Span<float> slope)
    {
        int keys = dVisibleBias.Length, n = dHiddenBias.Length;
        dHiddenBias.Clear();
        for (int i = keys - 1; i >= 0; i--)
        {
            Span<float> h = hidden.Slice(i * n, n);

            // da_i = dz_i·V_i ⊙ h_i ⊙ (1 − h_i), with h ⊙ (1 − h) = h − h².
            TensorPrimitives.Multiply(h, h, slope);
            TensorPrimitives.Subtract(h, slope, slope);
            TensorPrimitives.Multiply(slope, outputWeights.Slice(i * n, n), slope);
            TensorPrimitives.Multiply(slope, dVisibleBias[i], slope);
            dHiddenBias.CopyTo(h);
            TensorPrimitives.Add(dHiddenBias, slope, dHiddenBias);
        }
    }

    /// <summary>
    /// destination += Σ_r coefficients[r·K + key]·rows[r·K·N + key·N …] over every row in order: dV_i from dz and h,
    /// or dW_j from t and the suffix sums, for one key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateKey(int key, int rows, int keys, ReadOnlySpan<float> coefficients,
        ReadOnlySpan<float> perRow, Span<float> destination)
    {
        int n = destination.Length;
        for (int r = 0; r < rows; r++)
        {
            float c = coefficients[(r * keys) + key];
            if (c != 0)
            {
                TensorPrimitives.MultiplyAdd(perRow.Slice(((r * keys) + key) * n, n), c, destination, destination);
            }
        }
    }
}
