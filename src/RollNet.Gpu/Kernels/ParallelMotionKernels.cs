using ILGPU;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// <see cref="Compute.Backend.AddParallelMotion"/> and its backward as kernels, the formulas of the CPU's
/// <see cref="Compute.ParallelMotion"/> (the seam's remarks give the derivation): with a the bass of row n's input frame
/// and b the bass of its target, c[n, b + r] += P[r] and dP[r] += Σ_n dc[n, b + r] over the rows whose input sounds
/// a + r. Dimensions:
/// R rows, K keys, I input columns; x is R×I, t and c are R×K, P is K.
/// </summary>
internal static class ParallelMotionKernels
{
    /// <summary>Row r of the forward pass: its two basses, then every interval both frames hold.</summary>
    [Kernel]
    public static void AddRows(Index1D r, ArrayView<float> inputs, ArrayView<float> targets, ArrayView<float> weights,
        ArrayView<float> visibleBias, int inputWidth)
    {
        int keys = (int)weights.Length;
        long inputRow = (long)r.X * inputWidth, keyRow = (long)r.X * keys;
        int a = Bass(inputs, inputRow, keys), b = Bass(targets, keyRow, keys);
        int intervals = Intervals(a, b, keys);
        for (int i = 1; i < intervals; i++)
        {
            if (inputs[inputRow + a + i] != 0)
            {
                visibleBias[keyRow + b + i] += weights[i];
            }
        }
    }

    /// <summary>Interval i of the backward pass: the rows added in order, as the CPU adds them.</summary>
    [Kernel]
    public static void AccumulateIntervals(Index1D i, ArrayView<float> inputs, ArrayView<float> targets,
        ArrayView<float> dVisibleBias, ArrayView<float> dWeights, int rows, int inputWidth)
    {
        int keys = (int)dWeights.Length;
        float sum = dWeights[i];
        for (int r = 0; r < rows; r++)
        {
            long inputRow = (long)r * inputWidth, keyRow = (long)r * keys;
            int a = Bass(inputs, inputRow, keys), b = Bass(targets, keyRow, keys);
            if (i >= 1 && i < Intervals(a, b, keys) && inputs[inputRow + a + i] != 0)
            {
                sum += dVisibleBias[keyRow + b + i];
            }
        }

        dWeights[i] = sum;
    }

    // The first of the keys from start that is not 0, counted from start; −1 when all are.
    private static int Bass(ArrayView<float> frames, long start, int keys)
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

    private static int Intervals(int a, int b, int keys) => a < 0 || b < 0 || a == b ? 0 : keys - (a > b ? a : b);
}
