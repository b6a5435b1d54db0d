using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Gradients;

/// <summary>
/// The softmax loss of a categorical head on the CPU: its classes, its value against a plain computation in double, its
/// gradient against finite differences, and its bytes on any number of threads.
/// </summary>
public sealed class CategoricalCrossEntropyTests
{
    [Fact]
    public void CategoricalLossIsTheLogSoftmaxOfTheHighestKeyOrTheRest()
    {
        using var backend = new CpuBackend(1);
        const int rows = 6, keys = 5, classes = keys + 1;
        const float scale = 0.25f;
        float[] targets =
        [
            1, 0, 1, 0, 0, // class 2: the highest of two keys
            0, 0, 0, 0, 0, // class 5: an empty frame rests
            0, 0, 0, 0, 1, // class 4: the top key
            1, 0, 0, 0, 0, // class 0: the bottom key
            0, 1, 1, 1, 0, // masked out
            0, 0, 0, 1, 1, // class 4, with logits far past float's exponential
        ];
        int[] expectedClasses = [2, 5, 4, 0, -1, 4];
        float[] mask = [1, 1, 1, 1, 0, 1];
        float[] logits = GradientCheck.Random(rows * classes, 70, 3f);
        logits[(5 * classes) + 1] = 200f;
        logits[(5 * classes) + 4] = -200f;
        using DeviceBuffer z = GradientCheck.Buffer(backend, logits), t = GradientCheck.Buffer(backend, targets);
        using DeviceBuffer m = GradientCheck.Buffer(backend, mask);
        using DeviceBuffer dz = GradientCheck.Buffer(backend, [.. Enumerable.Repeat(float.NaN, rows * classes)]);

        double loss = backend.CategoricalCrossEntropy(rows, keys, z.All, t.All, m.All, scale, dz.All);
        float[] gradient = GradientCheck.Download(backend, dz.All);

        double expected = 0;
        for (int r = 0; r < rows; r++)
        {
            float[] row = gradient[(r * classes)..((r + 1) * classes)];
            if (expectedClasses[r] < 0)
            {
                Assert.All(row, g => Assert.Equal(0f, g));
                continue;
            }

            // Plainly in double: softmax with the largest logit taken out, so that 200 does not overflow.
            double[] z64 = [.. logits[(r * classes)..((r + 1) * classes)].Select(v => (double)v)];
            double largest = z64.Max(), sum = z64.Sum(v => Math.Exp(v - largest));
            int c = expectedClasses[r];
            expected -= z64[c] - largest - Math.Log(sum);
            for (int j = 0; j < classes; j++)
            {
                double want = scale * ((Math.Exp(z64[j] - largest) / sum) - (j == c ? 1 : 0));
                Assert.True(Math.Abs(row[j] - want) <= 1e-6, $"row {r} class {j}: dz {row[j]:G6} where {want:G6}");
            }

            // Only the row's class is pulled up: the one negative gradient names it.
            Assert.Equal(c, Assert.Single(Enumerable.Range(0, classes), j => row[j] < 0));
        }

        Assert.True(double.IsFinite(loss));
        Assert.Equal(expected, loss, 1e-5);
    }

    [Fact]
    public void CategoricalGradientMatchesFiniteDifferencesAndSkipsMaskedRows()
    {
        using var backend = new CpuBackend(1);
        const int rows = 4, keys = 5, classes = keys + 1;
        float[] logits = GradientCheck.Random(rows * classes, 71, 4f);
        logits[3] = 60f;
        logits[(2 * classes) + 1] = -60f;
        float[] targets =
        [
            0, 1, 0, 1, 0,
            1, 1, 0, 0, 0,
            0, 0, 0, 0, 0,
            0, 1, 0, 0, 0,
        ];
        float[] mask = [1, 0, 1, 1];
        using DeviceBuffer z = GradientCheck.Buffer(backend, logits), t = GradientCheck.Buffer(backend, targets);
        using DeviceBuffer m = GradientCheck.Buffer(backend, mask), dz = backend.Allocate(rows * classes);
        const float scale = 1f / 3;
        double Loss() => scale * backend.CategoricalCrossEntropy(rows, keys, z.All, t.All, m.All, scale, dz.All);

        Assert.True(double.IsFinite(Loss()));
        float[] analytic = GradientCheck.Download(backend, dz.All);
        Assert.All(analytic.AsSpan(classes, classes).ToArray(), g => Assert.Equal(0f, g));
        GradientCheck.Check("logits", backend, z.All, analytic, Loss);
    }

    [Fact]
    public void CategoricalLossIsTheSameBytesOnOneAndTwoThreads()
    {
        // Enough rows of 88 keys that two threads share the work (over 2^15 logits).
        const int rows = 400, keys = 88, classes = keys + 1;
        float[] logits = GradientCheck.Random(rows * classes, 72, 6f);
        float[] targets = [.. GradientCheck.Random(rows * keys, 73).Select(v => v > 0.9f ? 1f : 0f)];
        float[] mask = [.. Enumerable.Range(0, rows).Select(r => r % 7 == 3 ? 0f : 1f)];

        (long Loss, int[] Gradient) Run(int threads)
        {
            using var backend = new CpuBackend(threads);
            using DeviceBuffer z = GradientCheck.Buffer(backend, logits), t = GradientCheck.Buffer(backend, targets);
            using DeviceBuffer m = GradientCheck.Buffer(backend, mask), dz = backend.Allocate(rows * classes);
            double loss = backend.CategoricalCrossEntropy(rows, keys, z.All, t.All, m.All, 0.5f, dz.All);
            return (BitConverter.DoubleToInt64Bits(loss),
                [.. GradientCheck.Download(backend, dz.All).Select(BitConverter.SingleToInt32Bits)]);
        }

        var (oneLoss, oneGradient) = Run(1);
        var (twoLoss, twoGradient) = Run(2);
        Assert.Equal(oneLoss, twoLoss);
        Assert.Equal(oneGradient, twoGradient);
    }
}
