using RollNet.Data;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Tests.Training;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Model;

public sealed class BFloat16InferenceTests
{
    [Fact]
    public void BFloat16WeightsGiveLogitsCloseToFloat32AndFollowUpdates()
    {
        using var backend = new CpuBackend(2);
        using var model = new RollModel(backend, new ModelConfig(Layers: 2, HiddenSize: 64), seed: 3);
        using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 0.01f });
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(4, 12));

        for (int round = 0; round < 2; round++)
        {
            float[] wide = Logits(model, batch, MatrixPrecision.Float32);
            float[] rounded = Logits(model, batch, MatrixPrecision.BFloat16);

            // bfloat16 keeps 8 significant bits: each weight moves by at most 2⁻⁹ of itself.
            double largest = wide.Max(Math.Abs);
            for (int j = 0; j < wide.Length; j++)
            {
                Assert.True(Math.Abs(wide[j] - rounded[j]) <= 0.02 * (largest + 1), $"logit {j}: {wide[j]} vs {rounded[j]}");
            }

            Assert.NotEqual(wide, rounded);

            // After an update the bfloat16 copies must be made again from the new weights.
            trainer.TrainBatch(batch);
        }
    }

    [Fact]
    public void BFloat16WeightsAreForInferenceOnly()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8), seed: 1);
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(2, 6));
        using var runner = new InferenceRunner(model);
        using var buffers = new ModelBackwardBuffers(backend, model.Config);
        using DeviceBuffer gradients = backend.Allocate(model.Parameters.Layout.Length);
        runner.Upload(batch);

        Assert.Throws<ArgumentException>(() => runner.Forward(0, batch.Steps, batch.BatchSize, training: true, 0, 0,
            carryState: false, MatrixPrecision.BFloat16));
        runner.Evaluate(batch, MatrixPrecision.BFloat16);
        Assert.Throws<InvalidOperationException>(() =>
            model.Backward(runner.Activations, runner.Input(0, batch.Steps, batch.BatchSize), gradients, buffers));
    }

    private static float[] Logits(RollModel model, SequenceBatch batch, MatrixPrecision precision)
    {
        using var runner = new InferenceRunner(model);
        runner.Evaluate(batch, precision);
        return runner.LogOdds().ToArray();
    }
}
