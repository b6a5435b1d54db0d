using ILGPU;
using RollNet.Compute;

namespace RollNet.Gpu.Kernels;

/// <summary>One thread per element (auto-grouped launches); each mirrors the CPU backend's arithmetic in the same order.</summary>
internal static class ElementwiseKernels
{
    [Kernel]
    public static void Fill(Index1D j, ArrayView<float> destination, float value) => destination[j] = value;

    [Kernel]
    public static void Multiply(Index1D j, ArrayView<float> a, ArrayView<float> b, ArrayView<float> destination) =>
        destination[j] = a[j] * b[j];

    [Kernel]
    public static void Sigmoid(Index1D j, ArrayView<float> x, ArrayView<float> y) => y[j] = DeviceMath.Sigmoid(x[j]);

    /// <summary>matrix[j] += vector[j mod cols], over a rows×cols matrix.</summary>
    [Kernel]
    public static void AddRowVector(Index1D j, ArrayView<float> matrix, ArrayView<float> vector, int cols) =>
        matrix[j] += vector[j % cols];

    /// <summary>One thread per column, adding the rows in order as the CPU does, so the float sums agree.</summary>
    [Kernel]
    public static void AccumulateColumnSums(Index1D col, ArrayView<float> matrix, ArrayView<float> sums, int rows)
    {
        int cols = (int)sums.Length;
        float sum = sums[col];
        for (int r = 0; r < rows; r++)
        {
            sum += matrix[((long)r * cols) + col];
        }

        sums[col] = sum;
    }

    /// <summary>The same draw as <see cref="CounterRandom.Uniform(ulong, ulong, ulong)"/> for element j, so masks equal the CPU's.</summary>
    [Kernel]
    public static void DropoutMask(Index1D j, ArrayView<float> mask, float dropProbability, float keep, ulong seed,
        ulong stream) =>
        mask[j] = CounterRandom.Uniform(seed, stream, (ulong)j.X) < dropProbability ? 0 : keep;

    /// <summary>
    /// packed (k×n, row-major) = op(B); with <paramref name="bfloat16"/> set, each value rounded to bfloat16 by
    /// <see cref="BFloat16Bits"/>, as the CPU's bfloat16 copy stores it.
    /// </summary>
    [Kernel]
    public static void Pack(Index1D e, ArrayView<float> b, ArrayView<float> packed, int n, int ldb, int transB,
        int bfloat16)
    {
        long p = e / n, j = e % n;
        float value = transB != 0 ? b[(j * ldb) + p] : b[(p * ldb) + j];
        packed[e] = bfloat16 != 0 ? BFloat16Bits.ToSingle(BFloat16Bits.FromSingle(value)) : value;
    }
}
