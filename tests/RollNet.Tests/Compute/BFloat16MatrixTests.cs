using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Compute;

public sealed class BFloat16MatrixTests
{
    [Theory]
    [InlineData(1f, (ushort)0x3F80)]
    [InlineData(-2.5f, (ushort)0xC020)]
    [InlineData(float.PositiveInfinity, (ushort)0x7F80)]
    [InlineData(0f, (ushort)0)]
    public void ExactValuesConvertExactly(float value, ushort expected) =>
        Assert.Equal(expected, BFloat16Bits.FromSingle(value));

    [Fact]
    public void RoundingIsToNearestWithTiesToEven()
    {
        // 1 + 2⁻⁸ lies halfway between bfloat16 1 (even) and 1 + 2⁻⁷: it rounds down; 1 + 3·2⁻⁸ rounds up to even.
        Assert.Equal((ushort)0x3F80, BFloat16Bits.FromSingle(1f + (1f / 256)));
        Assert.Equal((ushort)0x3F82, BFloat16Bits.FromSingle(1f + (3f / 256)));
        Assert.Equal((ushort)0x3F81, BFloat16Bits.FromSingle(1f + (1f / 256) + (1f / 65536)));
        Assert.True(float.IsNaN(BitConverter.Int32BitsToSingle(BFloat16Bits.FromSingle(float.NaN) << 16)));
    }

    [Theory]
    [InlineData(1, 4096, 1024, true)]
    [InlineData(3, 37, 91, true)]
    [InlineData(6, 130, 88, false)]
    public void BFloat16ProductEqualsTheProductWithRoundedWeights(int m, int n, int k, bool transB)
    {
        using var backend = new CpuBackend(2);
        float[] a = Values(m * k, 1), b = Values(k * n, 2), c = Values(m * n, 3);
        using DeviceBuffer da = Upload(backend, a), db = Upload(backend, b), dc = Upload(backend, c);
        using PackedMatrix packed = backend.AllocatePacked(k, n, MatrixPrecision.BFloat16);
        backend.Pack(transB, db.All, transB ? k : n, packed);
        backend.Gemm(false, m, 0.5f, da.All, k, packed, 1f, dc.All, n);
        var result = new float[m * n];
        backend.Download(dc.All, result);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    float w = transB ? b[(j * k) + p] : b[(p * n) + j];
                    float rounded = BitConverter.Int32BitsToSingle(BFloat16Bits.FromSingle(w) << 16);
                    sum += (double)a[(i * k) + p] * rounded;
                    magnitude += Math.Abs((double)a[(i * k) + p] * rounded);
                }

                double expected = (0.5 * sum) + c[(i * n) + j];

                // float32 accumulation of k products: a few ulps of the magnitude of the terms.
                Assert.True(Math.Abs(result[(i * n) + j] - expected) <= 1e-6 * (magnitude + 1) * Math.Sqrt(k),
                    $"C[{i},{j}] = {result[(i * n) + j]}, expected {expected}");
            }
        }
    }

    private static float[] Values(int length, ulong stream)
    {
        var values = new float[length];
        for (int j = 0; j < length; j++)
        {
            values[j] = CounterRandom.Uniform(9, stream, (ulong)j) - 0.5f;
        }

        return values;
    }

    private static DeviceBuffer Upload(Backend backend, float[] values)
    {
        DeviceBuffer buffer = backend.Allocate(values.Length);
        backend.Upload(values, buffer.All);
        return buffer;
    }
}
