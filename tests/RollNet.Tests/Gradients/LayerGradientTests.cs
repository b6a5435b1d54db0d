using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Layers;
using Xunit;

namespace RollNet.Tests.Gradients;

/// <summary>Finite-difference checks of each layer's backward pass, for the input and every parameter tensor.</summary>
public sealed class LayerGradientTests
{
    private const int Input = 5, Hidden = 4, Batch = 3;

    [Fact]
    public void DenseLayer()
    {
        using var backend = new CpuBackend(1);
        const int rows = 6, outputs = 7;
        using DeviceBuffer w = GradientCheck.Buffer(backend, GradientCheck.Random(outputs * Input, 1));
        using DeviceBuffer b = GradientCheck.Buffer(backend, GradientCheck.Random(outputs, 2));
        using DeviceBuffer dW = backend.Allocate(outputs * Input), dB = backend.Allocate(outputs);
        using DeviceBuffer x = GradientCheck.Buffer(backend, GradientCheck.Random(rows * Input, 3));
        using DeviceBuffer dx = backend.Allocate(rows * Input), y = backend.Allocate(rows * outputs);
        var layer = new DenseLayer(backend, Input, outputs, new DenseWeights(w.All, b.All));
        float[] r = GradientCheck.Random(rows * outputs, 4);
        double Loss()
        {
            layer.Forward(x.All, rows, y.All);
            return GradientCheck.Weighted(backend, y.All, r);
        }

        Loss();
        using DeviceBuffer dy = GradientCheck.Buffer(backend, r);
        layer.Backward(x.All, rows, dy.All, new DenseWeights(dW.All, dB.All), dx.All);
        GradientCheck.Check("out.w", backend, w.All, GradientCheck.Download(backend, dW.All), Loss);
        GradientCheck.Check("out.b", backend, b.All, GradientCheck.Download(backend, dB.All), Loss);
        GradientCheck.Check("x", backend, x.All, GradientCheck.Download(backend, dx.All), Loss);
    }

    [Fact]
    public void OneLstmStep() => CheckLstm(steps: 1);

    [Fact]
    public void LstmLayerOverSevenStepsWithCarriedState() => CheckLstm(steps: 7);

    [Fact]
    public void TruncatedBpttCarriesStateForwardAndGradientBackAcrossAChunkBoundary()
    {
        // A sequence of 8 steps run as two chunks of 4: the second chunk starts from the first one's final state.
        // Feeding the second chunk's dL/dh_0 and dL/dC_0 into the first chunk's backward must give exactly the
        // gradient of the whole sequence, which the finite differences measure directly.
        using var backend = new CpuBackend(1);
        using var lstm = new LstmFixture(backend, steps: 8);
        const int chunk = 4;
        int perStep = Batch * Input, outPerStep = Batch * Hidden;
        using var first = new LstmActivations(backend, Hidden);
        using var second = new LstmActivations(backend, Hidden);
        using var firstBuffers = new LstmBackwardBuffers(backend, Hidden);
        using var secondBuffers = new LstmBackwardBuffers(backend, Hidden);
        float[] r = GradientCheck.Random(8 * outPerStep, 40);
        float[] r1 = r[..(chunk * outPerStep)], r2 = r[(chunk * outPerStep)..];
        BufferSlice x1 = lstm.X.Slice(0, chunk * perStep), x2 = lstm.X.Slice(chunk * perStep, chunk * perStep);

        double Loss()
        {
            lstm.Layer.Forward(first, x1, chunk, Batch, lstm.H0.All, lstm.C0.All);
            double l1 = GradientCheck.Weighted(backend, first.Output, r1);
            lstm.Layer.Forward(second, x2, chunk, Batch, first.FinalHidden, first.FinalCell);
            return l1 + GradientCheck.Weighted(backend, second.Output, r2);
        }

        // The chunks together must reproduce the state of one uninterrupted pass.
        Loss();
        float[] chunkedFinal = GradientCheck.Download(backend, second.FinalHidden);
        using (var whole = new LstmActivations(backend, Hidden))
        {
            lstm.Layer.Forward(whole, lstm.X, 8, Batch, lstm.H0.All, lstm.C0.All);
            Assert.Equal(GradientCheck.Download(backend, whole.FinalHidden), chunkedFinal);
        }

        lstm.ZeroGradients();
        Loss();
        using DeviceBuffer dy1 = GradientCheck.Buffer(backend, r1), dy2 = GradientCheck.Buffer(backend, r2);
        using DeviceBuffer dx = backend.Allocate(8 * perStep);
        lstm.Layer.Backward(second, x2, dy2.All, lstm.Gradients, secondBuffers, dx.Slice(chunk * perStep, chunk * perStep));
        lstm.Layer.Backward(first, x1, dy1.All, lstm.Gradients, firstBuffers, dx.Slice(0, chunk * perStep),
            secondBuffers.DHidden, secondBuffers.DCell);
        lstm.CheckAll(firstBuffers, dx, Loss);
    }

    private static void CheckLstm(int steps)
    {
        using var backend = new CpuBackend(1);
        using var lstm = new LstmFixture(backend, steps);
        using var activations = new LstmActivations(backend, Hidden);
        using var buffers = new LstmBackwardBuffers(backend, Hidden);
        float[] r = GradientCheck.Random(steps * Batch * Hidden, 30);
        double Loss()
        {
            lstm.Layer.Forward(activations, lstm.X, steps, Batch, lstm.H0.All, lstm.C0.All);
            return GradientCheck.Weighted(backend, activations.Output, r);
        }

        Loss();
        using DeviceBuffer dy = GradientCheck.Buffer(backend, r), dx = backend.Allocate(steps * Batch * Input);
        lstm.Layer.Backward(activations, lstm.X, dy.All, lstm.Gradients, buffers, dx.All);
        lstm.CheckAll(buffers, dx, Loss);
    }

    /// <summary>Parameters, input and a non-zero initial state of one small LSTM layer.</summary>
    private sealed class LstmFixture : IDisposable
    {
        private readonly Backend _backend;
        private readonly DeviceBuffer _w, _u, _b, _dW, _dU, _dB, _x;

        public LstmFixture(Backend backend, int steps)
        {
            _backend = backend;
            const int g = 4 * Hidden;
            _w = GradientCheck.Buffer(backend, GradientCheck.Random(g * Input, 10));
            _u = GradientCheck.Buffer(backend, GradientCheck.Random(g * Hidden, 11));
            _b = GradientCheck.Buffer(backend, GradientCheck.Random(g, 12));
            (_dW, _dU, _dB) = (backend.Allocate(g * Input), backend.Allocate(g * Hidden), backend.Allocate(g));
            _x = GradientCheck.Buffer(backend, GradientCheck.Random(steps * Batch * Input, 13));
            H0 = GradientCheck.Buffer(backend, GradientCheck.Random(Batch * Hidden, 14, 0.8f));
            C0 = GradientCheck.Buffer(backend, GradientCheck.Random(Batch * Hidden, 15, 1.5f));
            Layer = new LstmLayer(backend, Input, Hidden, new LstmWeights(_w.All, _u.All, _b.All));
            Gradients = new LstmWeights(_dW.All, _dU.All, _dB.All);
        }

        public BufferSlice X => _x.All;

        public DeviceBuffer H0 { get; }

        public DeviceBuffer C0 { get; }

        public LstmLayer Layer { get; }

        public LstmWeights Gradients { get; }

        public void ZeroGradients()
        {
            foreach (DeviceBuffer d in new[] { _dW, _dU, _dB })
            {
                _backend.Fill(d.All, 0);
            }
        }

        /// <summary>Checks W, U, b, the input and the initial state; dh_0 and dC_0 come from <paramref name="first"/>.</summary>
        public void CheckAll(LstmBackwardBuffers first, DeviceBuffer dx, Func<double> loss)
        {
            float[] dh0 = GradientCheck.Download(_backend, first.DHidden);
            float[] dc0 = GradientCheck.Download(_backend, first.DCell);
            GradientCheck.Check("lstm.w", _backend, _w.All, GradientCheck.Download(_backend, _dW.All), loss);
            GradientCheck.Check("lstm.u", _backend, _u.All, GradientCheck.Download(_backend, _dU.All), loss);
            GradientCheck.Check("lstm.b", _backend, _b.All, GradientCheck.Download(_backend, _dB.All), loss);
            GradientCheck.Check("x", _backend, _x.All, GradientCheck.Download(_backend, dx.All), loss);
            GradientCheck.Check("h0", _backend, H0.All, dh0, loss);
            GradientCheck.Check("c0", _backend, C0.All, dc0, loss);
        }

        public void Dispose()
        {
            foreach (DeviceBuffer d in new[] { _w, _u, _b, _dW, _dU, _dB, _x, H0, C0 })
            {
                d.Dispose();
            }
        }
    }
}
