using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Gradients;

/// <summary>
/// The paper's width (2×1024 on 88 keys), too large to perturb element by element: each tensor's gradient g is
/// checked as a directional derivative, (L(θ + εg) − L(θ − εg)) / 2ε = |g|², with the tensor moved along g only. At
/// this size the multiplications take the blocked, packed paths that the small checks never reach.
/// </summary>
public sealed class WideModelGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void EachTensorsGradientIsTheSlopeOfTheLossAlongIt(int batch)
    {
        using var backend = new CpuBackend(2);
        var config = new ModelConfig(Layers: 2, HiddenSize: 1024, Dropout: 0.5f);
        using var model = new RollModel(backend, config, seed: 7);
        const int steps = 12;
        int keys = config.InputSize;
        var inputs = new float[steps * batch * keys];
        for (int j = 0; j < inputs.Length; j++)
        {
            inputs[j] = CounterRandom.Uniform(5, 1, (ulong)j) < 0.05f ? 1 : 0;
        }

        var targets = new float[inputs.Length];
        Array.Copy(inputs, batch * keys, targets, 0, inputs.Length - (batch * keys));
        var mask = new float[steps * batch];
        Array.Fill(mask, 1f);
        using var pass = new ModelPass(model, new SequenceBatch(steps, batch, keys, inputs, targets, mask));
        float scale = 1f / (steps * batch);
        double Loss() => pass.Loss(scale);

        Loss();
        pass.Backward();
        float[] gradients = GradientCheck.Download(backend, pass.Gradients.All);
        float[] values = model.Parameters.Download();
        foreach (ParameterTensor tensor in model.Parameters.Layout.Tensors)
        {
            double squared = 0;
            for (int j = tensor.Offset; j < tensor.Offset + tensor.Length; j++)
            {
                squared += (double)gradients[j] * gradients[j];
            }

            // A step that moves the loss by about 1e-2, far above float32 rounding of a loss near 60.
            double step = 1e-2 / Math.Sqrt(squared);
            double LossMovedBy(double amount)
            {
                var moved = (float[])values.Clone();
                for (int j = tensor.Offset; j < tensor.Offset + tensor.Length; j++)
                {
                    moved[j] = (float)(values[j] + (amount * gradients[j]));
                }

                model.Parameters.Upload(moved);
                return Loss();
            }

            double slope = (LossMovedBy(step) - LossMovedBy(-step)) / (2 * step);
            model.Parameters.Upload(values);
            Assert.True(Math.Abs(slope - squared) <= 1e-2 * squared,
                $"{tensor.Name}: |g|² = {squared:G6} but the loss changes at {slope:G6} along g");
        }
    }
}
