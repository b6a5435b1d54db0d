using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;
using Xunit.Sdk;

namespace RollNet.Gpu.Tests;

/// <summary>
/// Whole training steps (2 LSTM layers, dropout, Adam, clipping) on the ILGPU backend and on the CPU backend from the
/// same seed, weights and optimizer state: the losses, the gradient norms, every gradient and every parameter after
/// each step agree to 1e-4 relative.
/// </summary>
/// <remarks>
/// "Relative" is to the parameter and to what the steps can move it (α per Adam step). Adam's update has at most the
/// relative error of its gradient, and a gradient made of cancelling terms (|g| near the float rounding of its
/// largest terms, about 1e-9 here) has a large one, whichever order it is summed in: there the gradients must still
/// agree to that rounding, and the parameter to the share of a step the gradient's error allows.
/// </remarks>
public abstract class TrainingStepTests(DeviceFixture device)
{
    private const double Relative = 1e-4;

    // Float sums of the gradients round at about 1e-8 of their largest terms; this allows a hundred times that.
    private const double GradientNoise = 1e-6;

    private const float LearningRate = 1e-2f;

    private static readonly ModelConfig Tiny = new(Layers: 2, HiddenSize: 8, Dropout: 0.3f);

    [SkippableTheory]
    [InlineData("sigmoid", false, false)]
    [InlineData("nade", false, false)]
    [InlineData("nade", true, false)]
    [InlineData("nade", false, true)]
    [InlineData("categorical", false, false)]
    public void TrainingStepsMatchTheCpu(string head, bool nadeInputBias, bool nadeParallelBias)
    {
        IlgpuBackend backend = device.Backend;
        SequenceBatch batch = Batch(steps: 6, batchSize: 3);
        var options = new TrainerOptions { LearningRate = LearningRate, Seed = 11 };
        using var cpu = new CpuBackend(1);
        ModelConfig config = Tiny with
        {
            Head = head == "nade"
                ? new NadeHeadOptions(6, nadeParallelBias ? KeyOrder.OutsideIn : KeyOrder.Ascending, nadeInputBias, nadeParallelBias)
                : TestHeads.Small(head, 6),
        };
        using var cpuModel = new RollModel(cpu, config, seed: 5);
        using var gpuModel = new RollModel(backend, config, cpuModel.Parameters.Download());
        using var cpuTrainer = new Trainer(cpuModel, options);
        using var gpuTrainer = new Trainer(gpuModel, options);
        for (int step = 1; step <= 2; step++)
        {
            TrainStepResult expected = cpuTrainer.TrainBatch(batch), actual = gpuTrainer.TrainBatch(batch);
            Assert.True(Compare.Close(expected.LossSum, actual.LossSum, 0, Relative),
                $"step {step}: loss {actual.LossSum} where the CPU gives {expected.LossSum}");
            Assert.True(Compare.Close(expected.GradientNorm, actual.GradientNorm, 0, Relative),
                $"step {step}: gradient norm {actual.GradientNorm} where the CPU gives {expected.GradientNorm}");
            AssertParametersAgree(cpuTrainer, gpuTrainer, cpuModel, gpuModel, step);

            // The next step starts from the CPU's state, so a parameter moved apart by an ill-conditioned update does
            // not make every gradient of the next step differ.
            gpuModel.Parameters.Upload(cpuModel.Parameters.Download());
            foreach (var ((_, from), (_, to)) in cpuTrainer.Optimizer.State.Zip(gpuTrainer.Optimizer.State))
            {
                var host = new float[from.Length];
                cpu.Download(from.All, host);
                backend.Upload(host, to.All);
            }
        }
    }

    private static void AssertParametersAgree(Trainer cpuTrainer, Trainer gpuTrainer, RollModel cpu, RollModel gpu,
        int step)
    {
        float[] expected = cpu.Parameters.Download(), actual = gpu.Parameters.Download();
        float[] expectedGradient = Gradients(cpu, cpuTrainer), actualGradient = Gradients(gpu, gpuTrainer);
        foreach (ParameterTensor tensor in cpu.Parameters.Layout.Tensors)
        {
            double largest = expectedGradient.AsSpan(tensor.Offset, tensor.Length).ToArray().Max(Math.Abs);
            for (int j = tensor.Offset; j < tensor.Offset + tensor.Length; j++)
            {
                string at = $"step {step}: {tensor.Name}[{j - tensor.Offset}]";
                double g = Math.Abs(expectedGradient[j]), gradientTolerance = (GradientNoise * largest) + (Relative * g);
                if (!Compare.Close(expectedGradient[j], actualGradient[j], gradientTolerance, 0))
                {
                    throw new XunitException(
                        $"{at} has gradient {actualGradient[j]:R} where the CPU gives {expectedGradient[j]:R}");
                }

                double share = g == 0 ? 1 : Math.Min(1, gradientTolerance / g);
                if (!Compare.Close(expected[j], actual[j], LearningRate * step * share, Relative))
                {
                    throw new XunitException($"{at} is {actual[j]:R} where the CPU gives {expected[j]:R}");
                }
            }
        }
    }

    private static float[] Gradients(RollModel model, Trainer trainer)
    {
        var host = new float[model.Parameters.Layout.Length];
        model.Backend.Download(trainer.Gradients.All, host);
        return host;
    }

    /// <summary>Random chords, the last sequence one frame shorter so the mask has padding.</summary>
    private static SequenceBatch Batch(int steps, int batchSize)
    {
        const int keys = ModelConfig.PianoKeys;
        var random = new System.Random(4);
        var frames = new float[(steps + 1) * batchSize * keys];
        for (int j = 0; j < frames.Length; j++)
        {
            frames[j] = random.NextDouble() < 0.05 ? 1 : 0;
        }

        var mask = new float[steps * batchSize];
        for (int t = 0; t < steps; t++)
        {
            for (int b = 0; b < batchSize; b++)
            {
                mask[(t * batchSize) + b] = b == batchSize - 1 && t == steps - 1 ? 0 : 1;
            }
        }

        int length = steps * batchSize * keys;
        float[] inputs = frames[..length], targets = frames[(batchSize * keys)..];
        for (int j = 0; j < length; j++)
        {
            // Padded frames carry no notes.
            if (mask[j / keys] == 0)
            {
                inputs[j] = targets[j] = 0;
            }
        }

        return new SequenceBatch(steps, batchSize, keys, inputs, targets, mask);
    }
}
