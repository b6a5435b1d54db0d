using ILGPU;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// <see cref="Compute.Backend.AddParallelMotion"/> and its backward as kernels, the formulas of the CPU's
/// <see cref="Compute.ParallelMotion"/> (the seam's remarks give the derivation): with a the bass of row n's input frame,
/// top its highest key and b the bass of its target, c[n, b + r] += P[r] (+ Q[r] where a + r is top) over the keys
/// a + r that the input sounds, and dP[r] (dQ[r]) += Σ_n dc[n, b + r] there. Dimensions: R rows, K keys, I input
/// columns; x is R×I, t and c are R×K, P and Q are K each, one after the other.
/// </summary>
internal static class ParallelMotionKernels
{
    /// <summary>Row r of the forward pass: its outer keys, then every interval both frames hold.</summary>
    [Kernel]
    public static void AddRows(Index1D r, ArrayView<float> inputs, ArrayView<float> targets, ArrayView<float> weights,
        ArrayView<float> visibleBias, int inputWidth)
    {
        int keys = (int)(weights.Length / 2);
        long inputRow = (long)r.X * inputWidth, keyRow = (long)r.X * keys;
        int a = Lowest(inputs, inputRow, keys), top = Highest(inputs, inputRow, keys), b = Lowest(targets, keyRow, keys);
        if (a < 0 || b < 0 || a == b)
        {
            return;
        }

        for (int i = 1; a + i < keys && b + i < keys; i++)
        {
            if (inputs[inputRow + a + i] != 0)
            {
                float term = weights[i] + (a + i == top ? weights[keys + i] : 0);
                if (term != 0)
                {
                    visibleBias[keyRow + b + i] += term;
                }
            }
        }
    }

    /// <summary>Weight j of the backward pass (P[j], or Q[j − K]): the rows added in order, as the CPU adds them.</summary>
    [Kernel]
    public static void AccumulateIntervals(Index1D j, ArrayView<float> inputs, ArrayView<float> targets,
        ArrayView<float> dVisibleBias, ArrayView<float> dWeights, int rows, int inputWidth)
    {
        int keys = (int)(dWeights.Length / 2), i = j < keys ? j : j - keys;
        bool topOnly = j >= keys;
        float sum = dWeights[j];
        for (int r = 0; r < rows; r++)
        {
            long inputRow = (long)r * inputWidth, keyRow = (long)r * keys;
            int a = Lowest(inputs, inputRow, keys), b = Lowest(targets, keyRow, keys);
            if (i >= 1 && a >= 0 && b >= 0 && a != b && a + i < keys && b + i < keys && inputs[inputRow + a + i] != 0
                && (!topOnly || a + i == Highest(inputs, inputRow, keys)))
            {
                sum += dVisibleBias[keyRow + b + i];
            }
        }

        dWeights[j] = sum;
    }

    // The first of the keys from start that is not 0, counted from start; −1 when all are.
    private static int Lowest(ArrayView<float> frames, long start, int keys)
    {
        for (int k = 0; k < keys; k++)
        {
            if (frames[start + k] != 0)
            {
                return k;
            }
        }

        return -1;
    }

    // The last of the keys from start that is not 0, counted from start; −1 when all are.
    private static int Highest(ArrayView<float> frames, long start, int keys)
    {
        for (int k = keys - 1; k >= 0; k--)
        {
            if (frames[start + k] != 0)
            {
                return k;
            }
        }

        return -1;
    }
}
