using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Tests.Gradients;
using Xunit;

namespace RollNet.Tests.Compute;

/// <summary>
/// The CPU backend's passes over memory (fill, copy, element-wise product, bias rows, column sums) are split among its
/// workers above a size; each element must come out as one thread's scalar arithmetic gives it, whatever the split.
/// </summary>
public sealed class CpuMemoryPassTests
{
    // 301 × 517 = 155,617 values: above the size at which the passes are split, with rows and columns that no worker
    // count or run of 16 columns divides.
    private const int Rows = 301, Cols = 517;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryPassGivesTheScalarBitsOnAnyNumberOfWorkers(int threads)
    {
        using var backend = new CpuBackend(threads);
        float[] a = GradientCheck.Random(Rows * Cols, stream: 1, scale: 2);
        float[] b = GradientCheck.Random(Rows * Cols, stream: 2, scale: 2);
        float[] vector = GradientCheck.Random(Cols, stream: 3, scale: 2);
        float[] start = GradientCheck.Random(Cols, stream: 4, scale: 2);
        using DeviceBuffer da = GradientCheck.Buffer(backend, a), db = GradientCheck.Buffer(backend, b);
        using DeviceBuffer dv = GradientCheck.Buffer(backend, vector), sums = GradientCheck.Buffer(backend, start);
        using DeviceBuffer output = backend.Allocate(Rows * Cols);

        backend.Fill(output.All, -2.5f);
        Assert.All(GradientCheck.Download(backend, output.All), x => Assert.Equal(-2.5f, x));

        backend.Copy(da.All, output.All);
        Assert.Equal(a, GradientCheck.Download(backend, output.All));

        backend.Multiply(da.All, db.All, output.All);
        Assert.Equal(a.Select((x, j) => x * b[j]).ToArray(), GradientCheck.Download(backend, output.All));

        // In place, as dropout multiplies by its mask.
        backend.Multiply(output.All, db.All, output.All);
        Assert.Equal(a.Select((x, j) => x * b[j] * b[j]).ToArray(), GradientCheck.Download(backend, output.All));

        backend.Copy(da.All, output.All);
        backend.AddRowVector(output.All, Rows, Cols, dv.All);
        Assert.Equal(a.Select((x, j) => x + vector[j % Cols]).ToArray(), GradientCheck.Download(backend, output.All));

        backend.AccumulateColumnSums(da.All, Rows, Cols, sums.All);
        var expected = (float[])start.Clone();
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                expected[c] += a[(r * Cols) + c];
            }
        }

        Assert.Equal(expected, GradientCheck.Download(backend, sums.All));
    }
}
