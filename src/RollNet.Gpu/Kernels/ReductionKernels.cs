using ILGPU;
using ILGPU.Algorithms;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// Sums in double precision, in two passes with a fixed shape on a given accelerator: a fixed number of groups write
/// one partial each, then a single group adds the partials. A fixed tree (no atomics) makes every result reproducible.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>Threads per group of every reduction launch.</summary>
    public const int Threads = 256;

    /// <summary>The most groups of a first pass, hence partials of the second.</summary>
    public const int MaxGroups = 1024;

    /// <summary>Groups of a first pass: a few per multiprocessor keep every one busy.</summary>
    public static int Groups(int multiprocessors) => Math.Clamp(4 * multiprocessors, 1, MaxGroups);

    /// <summary>partials[group] = Σ x² over a grid-stride share of x.</summary>
    [Kernel(ExplicitlyGrouped = true)]
    public static void SquarePartials(ArrayView<float> x, ArrayView<double> partials)
    {
        double sum = 0;
        for (long j = Grid.GlobalIndex.X; j < x.Length; j += (long)Grid.DimX * Group.DimX)
        {
            double value = x[j];
            sum += value * value;
        }

        WriteGroupSum(sum, partials);
    }

    /// <summary>partials[group] = Σ x over a grid-stride share of x; one group gives the final sum in partials[0].</summary>
    [Kernel(ExplicitlyGrouped = true)]
    public static void SumPartials(ArrayView<double> x, ArrayView<double> partials)
    {
        double sum = 0;
        for (long j = Grid.GlobalIndex.X; j < x.Length; j += (long)Grid.DimX * Group.DimX)
        {
            sum += x[j];
        }

        WriteGroupSum(sum, partials);
    }

    /// <summary>
    /// Sigmoid output with binary cross-entropy, one thread per row so the row's loss is summed key by key as on the
    /// CPU: writes dLogits = (σ(z) − y)·scale (zero for a masked row) and the row's loss to rowLoss.
    /// </summary>
    [Kernel]
    public static void CrossEntropyRows(Index1D r, ArrayView<float> logits, ArrayView<float> targets,
        ArrayView<float> mask, ArrayView<float> dLogits, ArrayView<double> rowLoss, int cols, float gradScale)
    {
        long offset = (long)r.X * cols;
        double loss = 0;
        bool masked = mask[r] == 0;
        for (int j = 0; j < cols; j++)
        {
            float z = logits[offset + j];
            float y = targets[offset + j];

            // −[y·log σ(z) + (1−y)·log(1−σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|)
            float e = XMath.Exp(-XMath.Abs(z));
            loss += XMath.Max(z, 0) - (z * y) + XMath.Log(1 + e);
            float sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            dLogits[offset + j] = masked ? 0 : (sigmoid - y) * gradScale;
        }

        rowLoss[r] = masked ? 0 : loss;
    }

    /// <summary>
    /// Softmax output with categorical cross-entropy over keys + 1 classes, one thread per row so the row's sums run
    /// class by class as on the CPU: writes dLogits = (softmax(z) − onehot(c))·scale (zero for a masked row) and the
    /// row's loss to rowLoss, c being the highest sounding key of the row's targets or the rest class after them.
    /// </summary>
    [Kernel]
    public static void CategoricalCrossEntropyRows(Index1D r, ArrayView<float> logits, ArrayView<float> targets,
        ArrayView<float> mask, ArrayView<float> dLogits, ArrayView<double> rowLoss, int keys, float gradientScale)
    {
        int classes = keys + 1;
        long offset = (long)r.X * classes, targetOffset = (long)r.X * keys;
        if (mask[r] == 0)
        {
            for (int j = 0; j < classes; j++)
            {
                dLogits[offset + j] = 0;
            }

            rowLoss[r] = 0;
            return;
        }

        int c = keys - 1;
        while (c >= 0 && targets[targetOffset + c] == 0)
        {
            c--;
        }

        c = c < 0 ? keys : c;
        float max = logits[offset];
        for (int j = 1; j < classes; j++)
        {
            float z = logits[offset + j];
            max = z > max ? z : max;
        }

        // The exponentials wait in dLogits until their sum is known.
        double sum = 0;
        for (int j = 0; j < classes; j++)
        {
            float e = XMath.Exp(logits[offset + j] - max);
            dLogits[offset + j] = e;
            sum += e;
        }

        for (int j = 0; j < classes; j++)
        {
            float probability = (float)(dLogits[offset + j] / sum);
            dLogits[offset + j] = (probability - (j == c ? 1 : 0)) * gradientScale;
        }

        // In double, z_c − m cannot overflow.
        rowLoss[r] = XMath.Log(sum) - ((double)logits[offset + c] - max);
    }

    private static void WriteGroupSum(double value, ArrayView<double> partials)
    {
        ArrayView<double> shared = SharedMemory.Allocate<double>(Threads);
        int t = Group.IdxX;
        shared[t] = value;
        Group.Barrier();
        for (int half = Threads / 2; half > 0; half /= 2)
        {
            if (t < half)
            {
                shared[t] += shared[t + half];
            }

            Group.Barrier();
        }

        if (t == 0)
        {
            partials[Grid.IdxX] = shared[0];
        }
    }
}
