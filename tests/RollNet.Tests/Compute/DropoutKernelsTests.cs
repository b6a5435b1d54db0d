using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Compute;

public sealed class DropoutKernelsTests
{
    [Theory]
    [InlineData(0.5f, 0L)]
    [InlineData(0.1f, 12345L)]
    [InlineData(0.9f, 7L)]
    [InlineData(0f, 0L)]
    public void VectorMasksEqualTheScalarTwinAtEveryLength(float p, long first)
    {
        for (int length = 0; length <= 70; length++)
        {
            var scalar = new float[length];
            DropoutKernels.FillScalar(scalar, p, seed: 3, stream: 5, first);
            for (int lane = 0; lane < length; lane++)
            {
                Assert.Equal(CounterRandom.Uniform(3, 5, (ulong)(first + lane)) < p ? 0 : 1 / (1 - p), scalar[lane]);
            }

            var fill = new float[length];
            var wide = new float[length];
            var narrow = new float[length];
            DropoutKernels.Fill(fill, p, seed: 3, stream: 5, first);
            DropoutKernels.FillVector512(wide, p, seed: 3, stream: 5, first);
            DropoutKernels.FillVector256(narrow, p, seed: 3, stream: 5, first);
            Assert.Equal(scalar, fill);
            Assert.Equal(scalar, wide);
            Assert.Equal(scalar, narrow);
        }
    }

    [Fact]
    public void TheBackendMaskDropsAboutPAndScalesTheRest()
    {
        using var backend = new CpuBackend(2);
        using DeviceBuffer mask = backend.Allocate(200_003);
        backend.DropoutMask(mask.All, 0.3f, seed: 1, stream: 2);
        var host = new float[mask.Length];
        backend.Download(mask.All, host);
        Assert.All(host, m => Assert.True(m == 0 || m == 1 / 0.7f));
        double dropped = host.Count(m => m == 0) / (double)host.Length;
        Assert.InRange(dropped, 0.295, 0.305);

        // Any element can be drawn on its own: the mask is a pure function of (seed, stream, index).
        var part = new float[10];
        DropoutKernels.FillScalar(part, 0.3f, 1, 2, 150_000);
        Assert.Equal(host.AsSpan(150_000, 10).ToArray(), part);
    }
}
