using ILGPU;
using RollNet.Compute;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// <see cref="Compute.Backend.AddParallelMotion"/> and its backward as kernels, the rules of the CPU's
/// <see cref="Compute.ParallelMotion"/> (whose remarks define the outside-in order and the classes): one thread per row
/// finds the outer voices of its input and target frames, then each key's class, and adds P[class]; the backward adds
/// each class's dc in row and key order. Dimensions: R rows, K keys, I input columns; x is R×I, t, c and the classes
/// R×K, P has 12 entries.
/// </summary>
/// <remarks>
/// Where the CPU makes one pass over a row with the last positions above and below each key kept in arrays, a thread
/// here finds them again for each key (K² steps a row), which a kernel affords and which needs no memory of its own.
/// </remarks>
internal static class ParallelMotionKernels
{
    /// <summary>Row r of the forward pass.</summary>
    [Kernel]
    public static void AddRows(Index1D r, ArrayView<float> inputs, ArrayView<float> targets, ArrayView<float> weights,
        ArrayView<float> visibleBias, ArrayView<float> classes, int inputWidth, int keys, int split)
    {
        long inputRow = (long)r.X * inputWidth, keyRow = (long)r.X * keys;
        int beforeBass = Lowest(inputs, inputRow, keys, split), beforeTop = Highest(inputs, inputRow, keys, split);
        int beforeCount = Count(inputs, inputRow, keys);
        int bass = Lowest(targets, keyRow, keys, split), top = Highest(targets, keyRow, keys, split);
        int bassKnown = bass < 0 ? 0 : Math.Max(LatestBelow(bass, keys, split), OutsideInOrder.PositionOf(bass, keys, split));
        int topKnown = top < 0 ? 0 : Math.Max(LatestAbove(top, keys, split), OutsideInOrder.PositionOf(top, keys, split));
        for (int k = 0; k < keys; k++)
        {
            int j = OutsideInOrder.PositionOf(k, keys, split), c = -1;
            if (beforeCount >= 2 && bass >= 0)
            {
                if (k >= top && k > bass && LatestAbove(k, keys, split) < j && bassKnown < j)
                {
                    c = ParallelMotion.Class(k, bass, beforeTop, beforeBass);
                }
                else if (k <= bass && k < top && LatestBelow(k, keys, split) < j && topKnown < j)
                {
                    c = ParallelMotion.Class(top, k, beforeTop, beforeBass);
                }
            }

            classes[keyRow + j] = c;
            if (c >= 0 && weights[c] != 0)
            {
                visibleBias[keyRow + j] += weights[c];
            }
        }
    }

    /// <summary>Class c of the backward pass: rows and keys added in order, as the CPU adds them.</summary>
    [Kernel]
    public static void AccumulateClasses(Index1D c, ArrayView<float> classes, ArrayView<float> dVisibleBias,
        ArrayView<float> dWeights)
    {
        float sum = dWeights[c];
        for (long j = 0; j < classes.Length; j++)
        {
            if (classes[j] == c)
            {
                sum += dVisibleBias[j];
            }
        }

        dWeights[c] = sum;
    }

    // The last position among the keys above (below) key; −1 where there are none.
    private static int LatestAbove(int key, int keys, int split)
    {
        int latest = -1;
        for (int m = key + 1; m < keys; m++)
        {
            latest = Math.Max(latest, OutsideInOrder.PositionOf(m, keys, split));
        }

        return latest;
    }

    private static int LatestBelow(int key, int keys, int split)
    {
        int latest = -1;
        for (int m = 0; m < key; m++)
        {
            latest = Math.Max(latest, OutsideInOrder.PositionOf(m, keys, split));
        }

        return latest;
    }

    // The lowest (highest) key sounding in a frame stored in outside-in order from start; −1 in a rest.
    private static int Lowest(ArrayView<float> frames, long start, int keys, int split)
    {
        int lowest = -1;
        for (int j = 0; j < keys; j++)
        {
            int key = OutsideInOrder.KeyAt(j, keys, split);
            if (frames[start + j] != 0 && (lowest < 0 || key < lowest))
            {
                lowest = key;
            }
        }

        return lowest;
    }

    private static int Highest(ArrayView<float> frames, long start, int keys, int split)
    {
        int highest = -1;
        for (int j = 0; j < keys; j++)
        {
            if (frames[start + j] != 0)
            {
                highest = Math.Max(highest, OutsideInOrder.KeyAt(j, keys, split));
            }
        }

        return highest;
    }

    private static int Count(ArrayView<float> frames, long start, int keys)
    {
        int count = 0;
        for (int j = 0; j < keys; j++)
        {
            count += frames[start + j] != 0 ? 1 : 0;
        }

        return count;
    }
}
