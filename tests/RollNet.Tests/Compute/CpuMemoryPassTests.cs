using RollNet.Compute;
using RollNet.Compute.Cpu;
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
        float[] a = Values(Rows * Cols, seed: 1), b = Values(Rows * Cols, seed: 2), vector = Values(Cols, seed: 3);
        float[] start = Values(Cols, seed: 4);
        using DeviceBuffer da = Upload(backend, a), db = Upload(backend, b), dv = Upload(backend, vector);
        using DeviceBuffer output = backend.Allocate(Rows * Cols), sums = Upload(backend, start);

        backend.Fill(output.All, -2.5f);
        Assert.All(Download(backend, output), x => Assert.Equal(-2.5f, x));

        backend.Copy(da.All, output.All);
        Assert.Equal(a, Download(backend, output));

        backend.Multiply(da.All, db.All, output.All);
        Assert.Equal(a.Select((x, j) => x * b[j]).ToArray(), Download(backend, output));

        // In place, as dropout multiplies by its mask.
        backend.Multiply(output.All, db.All, output.All);
        Assert.Equal(a.Select((x, j) => x * b[j] * b[j]).ToArray(), Download(backend, output));

        backend.Copy(da.All, output.All);
        backend.AddRowVector(output.All, Rows, Cols, dv.All);
        Assert.Equal(a.Select((x, j) => x + vector[j % Cols]).ToArray(), Download(backend, output));

        backend.AccumulateColumnSums(da.All, Rows, Cols, sums.All);
        var expected = (float[])start.Clone();
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                expected[c] += a[(r * Cols) + c];
            }
        }

        Assert.Equal(expected, Download(backend, sums));
    }

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
    }

    private static DeviceBuffer Upload(Backend backend, float[] values)
    {
        DeviceBuffer buffer = backend.Allocate(values.Length);
        backend.Upload(values, buffer.All);
        return buffer;
    }

    private static float[] Download(Backend backend, DeviceBuffer buffer)
    {
        var host = new float[buffer.Length];
        backend.Download(buffer.All, host);
        return host;
    }
}
