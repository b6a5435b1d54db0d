using System.Numerics.Tensors;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Gradients;

public sealed class ElementwiseGradientTests
{
    private static readonly float[] Points = [-30f, -8f, -2.5f, -1f, -0.3f, 0f, 0.2f, 1f, 3f, 9f, 30f];

    [Fact]
    public void SigmoidAndTanhDerivativesUsedByTheGateKernelsMatchFiniteDifferences()
    {
        // The LSTM backward uses σ' = σ(1 − σ) and tanh' = 1 − tanh²; check both identities in double.
        foreach (float x in Points)
        {
            const double h = 1e-5;
            double s = 1 / (1 + Math.Exp(-x));
            double numericSigmoid = ((1 / (1 + Math.Exp(-(x + h)))) - (1 / (1 + Math.Exp(-(x - h))))) / (2 * h);
            Assert.Equal(numericSigmoid, s * (1 - s), 1e-8);
            double t = Math.Tanh(x);
            Assert.Equal((Math.Tanh(x + h) - Math.Tanh(x - h)) / (2 * h), 1 - (t * t), 1e-8);
        }

        // And the float32 primitives the kernels call agree with the double functions.
        float[] sigmoid = new float[Points.Length], tanh = new float[Points.Length];
        TensorPrimitives.Sigmoid(Points, sigmoid);
        TensorPrimitives.Tanh(Points, tanh);
        for (int j = 0; j < Points.Length; j++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-Points[j])), sigmoid[j], 1e-6);
            Assert.Equal(Math.Tanh(Points[j]), tanh[j], 1e-6);
        }
    }

    [Fact]
    public void CrossEntropyGradientMatchesFiniteDifferencesAndSkipsMaskedRows()
    {
        using var backend = new CpuBackend(1);
        const int rows = 4, cols = 6;
        float[] logits = GradientCheck.Random(rows * cols, 1, 4f);
        logits[3] = 60f;   // far in the saturated range: must stay finite
        logits[10] = -60f;
        var targets = new float[rows * cols];
        for (int j = 0; j < targets.Length; j++)
        {
            targets[j] = j % 3 == 0 ? 1 : 0;
        }

        float[] mask = [1, 0, 1, 1];
        using DeviceBuffer z = GradientCheck.Buffer(backend, logits), y = GradientCheck.Buffer(backend, targets);
        using DeviceBuffer m = GradientCheck.Buffer(backend, mask), dz = backend.Allocate(rows * cols);
        const float scale = 1f / 3;
        double Loss() => scale * backend.SigmoidCrossEntropy(rows, cols, z.All, y.All, m.All, scale, dz.All);

        double loss = Loss();
        Assert.True(double.IsFinite(loss));
        float[] analytic = GradientCheck.Download(backend, dz.All);
        Assert.All(analytic.AsSpan(cols, cols).ToArray(), g => Assert.Equal(0f, g));
        GradientCheck.Check("logits", backend, z.All, analytic, Loss);

        // The loss itself against the textbook formula, in double.
        double expected = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols && mask[r] == 1; c++)
            {
                double p = 1 / (1 + Math.Exp(-logits[(r * cols) + c]));
                double t = targets[(r * cols) + c];
                expected -= (t * Math.Log(Math.Max(p, 1e-300))) + ((1 - t) * Math.Log(Math.Max(1 - p, 1e-300)));
            }
        }

        Assert.Equal(expected * scale, loss, 1e-3);
    }
}
