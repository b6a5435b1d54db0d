using RollNet.Compute;
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
        using DeviceBuffer dx = backend.Allocate(rows * Input);
        using var layer = new DenseLayer(backend, Input, outputs, w.All, b.All, dW.All, dB.All);
        float[] r = GradientCheck.Random(rows * outputs, 4);
        double Loss() => GradientCheck.Weighted(backend, layer.Forward(x.All, rows), r);

        Loss();
        using DeviceBuffer dy = GradientCheck.Buffer(backend, r);
        layer.Backward(dy.All, dx.All);
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
        using var first = lstm.NewLayer();
        using var second = lstm.NewLayer();
        float[] r = GradientCheck.Random(8 * outPerStep, 40);
        float[] r1 = r[..(chunk * outPerStep)], r2 = r[(chunk * outPerStep)..];

        double Loss()
        {
            first.Forward(lstm.X.Slice(0, chunk * perStep), chunk, Batch, lstm.H0.All, lstm.C0.All);
            double l1 = GradientCheck.Weighted(backend, first.Output, r1);
            second.Forward(lstm.X.Slice(chunk * perStep, chunk * perStep), chunk, Batch, first.FinalHidden, first.FinalCell);
            return l1 + GradientCheck.Weighted(backend, second.Output, r2);
        }

        // The chunks together must reproduce the state of one uninterrupted pass.
        Loss();
        float[] chunkedFinal = GradientCheck.Download(backend, second.FinalHidden);
        using (var whole = lstm.NewLayer())
        {
            whole.Forward(lstm.X, 8, Batch, lstm.H0.All, lstm.C0.All);
            Assert.Equal(GradientCheck.Download(backend, whole.FinalHidden), chunkedFinal);
        }

        lstm.ZeroGradients();
        Loss();
        using DeviceBuffer dy1 = GradientCheck.Buffer(backend, r1), dy2 = GradientCheck.Buffer(backend, r2);
        using DeviceBuffer dx = backend.Allocate(8 * perStep);
        second.Backward(dy2.All, dx.Slice(chunk * perStep, chunk * perStep));
        first.Backward(dy1.All, dx.Slice(0, chunk * perStep), second.InitialHiddenGradient, second.InitialCellGradient);
        lstm.CheckAll(first, dx, Loss);
    }

    private static void CheckLstm(int steps)
    {
        using var backend = new CpuBackend(1);
        using var lstm = new LstmFixture(backend, steps);
        using var layer = lstm.NewLayer();
        float[] r = GradientCheck.Random(steps * Batch * Hidden, 30);
        double Loss()
        {
            layer.Forward(lstm.X, steps, Batch, lstm.H0.All, lstm.C0.All);
            return GradientCheck.Weighted(backend, layer.Output, r);
        }

        Loss();
        using DeviceBuffer dy = GradientCheck.Buffer(backend, r), dx = backend.Allocate(steps * Batch * Input);
        layer.Backward(dy.All, dx.All);
        lstm.CheckAll(layer, dx, Loss);
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
        }

        public BufferSlice X => _x.All;

        public DeviceBuffer H0 { get; }

        public DeviceBuffer C0 { get; }

        public LstmLayer NewLayer() => new(_backend, Input, Hidden, _w.All, _u.All, _b.All, _dW.All, _dU.All, _dB.All);

        public void ZeroGradients()
        {
            foreach (DeviceBuffer d in new[] { _dW, _dU, _dB })
            {
                _backend.Fill(d.All, 0);
            }
        }

        /// <summary>Checks W, U, b, the input and the initial state; dh_0 and dC_0 come from <paramref name="first"/>.</summary>
        public void CheckAll(LstmLayer first, DeviceBuffer dx, Func<double> loss)
        {
            float[] dh0 = GradientCheck.Download(_backend, first.InitialHiddenGradient);
            float[] dc0 = GradientCheck.Download(_backend, first.InitialCellGradient);
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
