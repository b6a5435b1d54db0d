using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Gradients;

/// <summary>
/// Finite-difference checks of the backend's NADE operations alone: the gradients of the loss with respect to the
/// visible biases (dz), the hidden biases, W and V, with a masked-out row that must contribute nothing.
/// </summary>
public sealed class NadeGradientTests
{
    private const int Rows = 3, Keys = 6, Hidden = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryNadeInputsGradientMatchesFiniteDifferences(int threads)
    {
        using var backend = new CpuBackend(threads);
        using DeviceBuffer c = GradientCheck.Buffer(backend, GradientCheck.Random(Rows * Keys, 60));
        using DeviceBuffer d = GradientCheck.Buffer(backend, GradientCheck.Random(Rows * Hidden, 61));
        using DeviceBuffer w = GradientCheck.Buffer(backend, GradientCheck.Random(Keys * Hidden, 62, 1.5f));
        using DeviceBuffer v = GradientCheck.Buffer(backend, GradientCheck.Random(Keys * Hidden, 63, 1.5f));
        var targets = new float[Rows * Keys];
        for (int j = 0; j < targets.Length; j++)
        {
            targets[j] = CounterRandom.Uniform(9, 9, (ulong)j) < 0.4f ? 1 : 0;
        }

        using DeviceBuffer t = GradientCheck.Buffer(backend, targets), mask = GradientCheck.Buffer(backend, [1, 0, 1]);
        using DeviceBuffer dz = backend.Allocate(Rows * Keys);
        using DeviceBuffer dd = backend.Allocate(Rows * Hidden), dW = backend.Allocate(Keys * Hidden);
        using DeviceBuffer dV = backend.Allocate(Keys * Hidden);
        double Loss() => backend.NadeLoss(Rows, Keys, Hidden, c.All, d.All, w.All, v.All, t.All, mask.All, 1f, dz.All);

        Loss();
        float[] dc = GradientCheck.Download(backend, dz.All);
        backend.NadeBackward(Rows, Keys, Hidden, d.All, w.All, v.All, t.All, mask.All, dz.All, dd.All, dW.All, dV.All);
        GradientCheck.Check("c", backend, c.All, dc, Loss);
        GradientCheck.Check("d", backend, d.All, GradientCheck.Download(backend, dd.All), Loss);
        GradientCheck.Check("W", backend, w.All, GradientCheck.Download(backend, dW.All), Loss);
        GradientCheck.Check("V", backend, v.All, GradientCheck.Download(backend, dV.All), Loss);
    }

    [Fact]
    public void TheLossIsTheLogLikelihoodOfTheFrameKeyByKey()
    {
        // With W = 0 the keys do not depend on each other: each is a logistic unit with z_i = c_i + V_i·σ(d).
        using var backend = new CpuBackend(1);
        float[] cHost = [0.3f, -1.2f], dHost = [0.5f], vHost = [2f, -0.5f];
        using DeviceBuffer c = GradientCheck.Buffer(backend, cHost), d = GradientCheck.Buffer(backend, dHost);
        using DeviceBuffer w = backend.Allocate(2), v = GradientCheck.Buffer(backend, vHost);
        using DeviceBuffer t = GradientCheck.Buffer(backend, [1, 0]), mask = GradientCheck.Buffer(backend, [1]);
        using DeviceBuffer dz = backend.Allocate(2);
        double loss = backend.NadeLoss(1, 2, 1, c.All, d.All, w.All, v.All, t.All, mask.All, 1f, dz.All);

        double sd = 1 / (1 + Math.Exp(-0.5));
        double p0 = 1 / (1 + Math.Exp(-(0.3 + (2 * sd)))), p1 = 1 / (1 + Math.Exp(-(-1.2 - (0.5 * sd))));
        Assert.Equal(-Math.Log(p0) - Math.Log(1 - p1), loss, 5);
    }
}
