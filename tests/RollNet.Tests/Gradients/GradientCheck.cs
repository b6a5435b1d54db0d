using RollNet.Compute;
using Xunit;

namespace RollNet.Tests.Gradients;

/// <summary>
/// Central finite differences against an analytic gradient. The network runs in float32, so the step is large
/// (1e-2) to keep rounding small next to the difference, and the loss is summed in double. Tolerance: an analytic
/// value a and a numerical value n agree when |a − n| ≤ Absolute + Relative·max(|a|, |n|).
/// </summary>
internal static class GradientCheck
{
    public const float Step = 1e-2f;
    public const double Absolute = 2e-3;
    public const double Relative = 2e-2;

    /// <summary>Perturbs every element of <paramref name="values"/> in turn and compares with <paramref name="analytic"/>.</summary>
    public static void Check(string name, Backend backend, BufferSlice values, float[] analytic, Func<double> loss)
    {
        Assert.Equal(values.Length, analytic.Length);
        var host = new float[values.Length];
        backend.Download(values, host);
        var one = new float[1];
        for (int j = 0; j < host.Length; j++)
        {
            BufferSlice element = values.Slice(j, 1);
            one[0] = host[j] + Step;
            backend.Upload(one, element);
            double plus = loss();
            one[0] = host[j] - Step;
            backend.Upload(one, element);
            double minus = loss();
            one[0] = host[j];
            backend.Upload(one, element);

            double numeric = (plus - minus) / (2 * Step);
            double a = analytic[j];
            double allowed = Absolute + (Relative * Math.Max(Math.Abs(a), Math.Abs(numeric)));
            Assert.True(Math.Abs(a - numeric) <= allowed,
                $"{name}[{j}]: analytic {a:G6} vs numerical {numeric:G6} (allowed difference {allowed:G3})");
        }
    }

    public static float[] Download(Backend backend, BufferSlice slice)
    {
        var host = new float[slice.Length];
        backend.Download(slice, host);
        return host;
    }

    /// <summary>Uniform values in [−scale, scale) from a fixed stream, for reproducible test inputs.</summary>
    public static float[] Random(int length, ulong stream, float scale = 1f)
    {
        var values = new float[length];
        for (int j = 0; j < length; j++)
        {
            values[j] = ((2 * CounterRandom.Uniform(12345, stream, (ulong)j)) - 1) * scale;
        }

        return values;
    }

    public static DeviceBuffer Buffer(Backend backend, float[] values)
    {
        DeviceBuffer buffer = backend.Allocate(values.Length);
        backend.Upload(values, buffer.All);
        return buffer;
    }

    /// <summary>Σ r·y in double: a loss whose gradient with respect to y is r.</summary>
    public static double Weighted(Backend backend, BufferSlice y, float[] r)
    {
        float[] values = Download(backend, y);
        double sum = 0;
        for (int j = 0; j < values.Length; j++)
        {
            sum += (double)values[j] * r[j];
        }

        return sum;
    }
}
