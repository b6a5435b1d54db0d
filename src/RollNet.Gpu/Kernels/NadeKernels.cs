using ILGPU;
using ILGPU.Algorithms;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// The NADE of one frame per row as kernels: the formulas of <see cref="Compute.Backend.NadeLoss"/> and
/// <see cref="Compute.Backend.NadeBackward"/> (whose remarks derive the backward pass), the keys visited in the same
/// order as on the CPU. Dimensions: R rows, K keys, N hidden units; c and t are R×K, d is R×N, W and V are K×N, the
/// activations R×K×N.
/// </summary>
/// <remarks>
/// Not bit for bit the CPU's: a dot product over the units here is one running sum where the CPU adds eight lanes and
/// then the lanes, σ is <see cref="DeviceMath.Sigmoid"/> rather than the CPU's polynomial, and whether a multiply and an
/// add fuse is the device compiler's choice. The two agree to rounding, which the GPU tests check with a tolerance.
/// <para>
/// The forward pass is a recurrence over the keys, so it runs one thread per row; the backward recomputes the
/// activations the same way (the seam does not keep them between the passes) and splits into three launches that each
/// own their outputs, with sums over rows taken in row order and no atomics, so results do not
/// depend on scheduling.
/// </para>
/// </remarks>
internal static class NadeKernels
{
    /// <summary>
    /// Row r forward with its loss: h_i = σ(a_i) into activations[r, i, :], dz = (σ(z) − t)·scale, and the row's loss
    /// Σ_i [max(z_i, 0) − z_i·t_i + log(1 + e^−|z_i|)] into rowLoss[r]; a masked row gets dz = 0 and loss 0, and its
    /// activations are left as they were.
    /// </summary>
    /// <remarks>
    /// The running pre-activation a_i = d + Σ_{j&lt;i} t_j·W_j lives in the row's own activations: a_i sits in slot i
    /// until h_i replaces it, and a_{i+1} is written to slot i+1 first, so no per-thread scratch is needed.
    /// </remarks>
    [Kernel]
    public static void ForwardRows(Index1D r, ArrayView<float> visibleBias, ArrayView<float> hiddenBias,
        ArrayView<float> weights, ArrayView<float> outputWeights, ArrayView<float> targets, ArrayView<float> mask,
        ArrayView<float> activations, ArrayView<float> dVisibleBias, ArrayView<double> rowLoss, NadeShape shape)
    {
        int k = shape.Keys, n = shape.Hidden;
        long keyRow = (long)r.X * k, row = keyRow * n;
        if (mask[r] == 0)
        {
            for (int i = 0; i < k; i++)
            {
                dVisibleBias[keyRow + i] = 0;
            }

            rowLoss[r] = 0;
            return;
        }

        StartRow(r, hiddenBias, activations, n, row);
        double loss = 0;
        for (int i = 0; i < k; i++)
        {
            float t = targets[keyRow + i];
            float z = visibleBias[keyRow + i] + Key(activations, weights, outputWeights, row, i, k, n, t);

            // −log p(t_i | t_<i) = max(z, 0) − z·t + log(1 + e^−|z|), which no z can overflow.
            float e = XMath.Exp(-XMath.Abs(z));
            loss += XMath.Max(z, 0) - (z * t) + XMath.Log(1 + e);
            float sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            dVisibleBias[keyRow + i] = (sigmoid - t) * shape.GradScale;
        }

        rowLoss[r] = loss;
    }

    /// <summary>
    /// Row r's h_i = σ(a_i) of every key into activations[r, i, :], as <see cref="ForwardRows"/> writes them, for the
    /// backward pass; every row, masked or not, so that no row holds stale values (a masked row's dz is 0).
    /// </summary>
    [Kernel]
    public static void HiddenRows(Index1D r, ArrayView<float> hiddenBias, ArrayView<float> weights,
        ArrayView<float> outputWeights, ArrayView<float> targets, ArrayView<float> activations, NadeShape shape)
    {
        int k = shape.Keys, n = shape.Hidden;
        long keyRow = (long)r.X * k, row = keyRow * n;
        StartRow(r, hiddenBias, activations, n, row);
        for (int i = 0; i < k; i++)
        {
            Key(activations, weights, outputWeights, row, i, k, n, targets[keyRow + i]);
        }
    }

    /// <summary>a_0 = d of row r into the row's first slot.</summary>
    private static void StartRow(Index1D r, ArrayView<float> hiddenBias, ArrayView<float> activations, int n, long row)
    {
        long hiddenRow = (long)r.X * n;
        for (int u = 0; u < n; u++)
        {
            activations[row + u] = hiddenBias[hiddenRow + u];
        }
    }

    /// <summary>
    /// Key i of a row: a_{i+1} = a_i + t·W_i into slot i+1 (when there is one), then h_i = σ(a_i) over a_i in slot i;
    /// returns V_i·h_i.
    /// </summary>
    private static float Key(ArrayView<float> activations, ArrayView<float> weights, ArrayView<float> outputWeights,
        long row, int i, int k, int n, float t)
    {
        long slot = row + ((long)i * n), weightRow = (long)i * n;
        bool next = i + 1 < k;
        float dot = 0;
        for (int u = 0; u < n; u++)
        {
            float a = activations[slot + u];
            if (next)
            {
                activations[slot + n + u] = t != 0 ? (weights[weightRow + u] * t) + a : a;
            }

            float h = DeviceMath.Sigmoid(a);
            activations[slot + u] = h;
            dot += outputWeights[weightRow + u] * h;
        }

        return dot;
    }

    /// <summary>
    /// For element (r, u) of R×N, from the last key down: da_i = dz_i·V_i ⊙ h_i ⊙ (1 − h_i); activations[r, i, u]
    /// becomes the exclusive suffix sum Σ_{i'&gt;i} da_{i'} (what dW needs) and dHiddenBias[r, u] = Σ_i da_i.
    /// </summary>
    [Kernel]
    public static void SuffixSums(Index1D index, ArrayView<float> outputWeights, ArrayView<float> dVisibleBias,
        ArrayView<float> activations, ArrayView<float> dHiddenBias, NadeShape shape)
    {
        int k = shape.Keys, n = shape.Hidden;
        long r = index / n, u = index % n, keyRow = r * k;
        float sum = 0;
        for (int i = k - 1; i >= 0; i--)
        {
            long at = ((keyRow + i) * n) + u;
            float h = activations[at];

            // h ⊙ (1 − h) as h − h², then V and dz, in the CPU kernel's order.
            float slope = (h - (h * h)) * outputWeights[((long)i * n) + u] * dVisibleBias[keyRow + i];
            activations[at] = sum;
            sum += slope;
        }

        dHiddenBias[index] = sum;
    }

    /// <summary>
    /// destination[i, u] += Σ_r coefficients[r, i]·perRow[r, i, u] over every row in order, for element (i, u) of
    /// K×N: dV from dz and h, or dW from t and the suffix sums. Rows whose coefficient is 0 add nothing and are skipped,
    /// as the CPU skips a key whose t is 0 and a masked row.
    /// </summary>
    [Kernel]
    public static void AccumulateKeys(Index1D index, ArrayView<float> coefficients, ArrayView<float> perRow,
        ArrayView<float> destination, int rows, NadeShape shape)
    {
        int k = shape.Keys, n = shape.Hidden;
        long key = index / n, u = index % n;
        float sum = destination[index];
        for (int r = 0; r < rows; r++)
        {
            long at = ((long)r * k) + key;
            float c = coefficients[at];
            if (c != 0)
            {
                sum += perRow[(at * n) + u] * c;
            }
        }

        destination[index] = sum;
    }
}
