using RollNet.Compute;
using RollNet.Data;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Gradients;

public sealed class ModelGradientTests
{
    [Fact]
    public void TwoLayerModelWithDropoutHeldFixed()
    {
        // Dropout masks are a pure function of (seed, stream), so running forward with the same seed and stream
        // holds them fixed while the finite differences perturb one parameter at a time.
        using var backend = new CpuBackend(1);
        var config = new ModelConfig(Layers: 2, HiddenSize: 4, Dropout: 0.3f, InputSize: 6, OutputSize: 6);
        using var model = new RollModel(backend, config, seed: 7);
        const int steps = 5, batch = 2;
        float[] inputs = GradientCheck.Random(steps * batch * config.InputSize, 50);
        var targets = new float[steps * batch * config.OutputSize];
        for (int j = 0; j < targets.Length; j++)
        {
            targets[j] = CounterRandom.Uniform(3, 3, (ulong)j) < 0.3f ? 1 : 0;
        }

        float[] mask = [1, 1, 1, 1, 1, 1, 1, 0, 1, 0]; // the second sequence is three steps shorter
        using var pass = new ModelPass(model, new SequenceBatch(steps, batch, config.InputSize, inputs, targets, mask));
        using DeviceBuffer dx = backend.Allocate(inputs.Length);
        const float scale = 1f / 8;
        double Loss() => pass.Loss(scale);

        Loss();
        pass.Backward(dx.All);
        float[] gradients = GradientCheck.Download(backend, pass.Gradients.All);
        foreach (ParameterTensor tensor in model.Parameters.Layout.Tensors)
        {
            GradientCheck.Check(tensor.Name, backend, model.Parameters.Value(tensor.Name),
                gradients.AsSpan(tensor.Offset, tensor.Length).ToArray(), Loss);
        }

        GradientCheck.Check("input", backend, pass.Input, GradientCheck.Download(backend, dx.All), Loss);
    }
}
