using RollNet.Data;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Training;

/// <summary>
/// Fixed seed, a few updates, the losses compared with recorded values: an accidental change to the numerics
/// (initialisation, dropout masks, gates, loss, Adam) shows here even when training still converges.
/// </summary>
public sealed class GoldenLossTests
{
    // Recorded from this configuration; the tolerance allows for another SIMD width summing in another order.
    private static readonly double[] Recorded =
    [
        59.13851758018955, 43.49796547650636, 26.876809419480736, 15.93008372422236, 10.945377946220425, 9.228688033684962,
    ];

    [Fact]
    public void TheFirstUpdatesGiveTheRecordedLosses()
    {
        using var backend = new CpuBackend(2);
        using var model = new RollModel(backend, new ModelConfig(Layers: 2, HiddenSize: 32, Dropout: 0.5f), seed: 11);
        using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 0.01f, BpttSteps = 8, Seed = 11 });
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(5, 20));
        var losses = new double[Recorded.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            losses[i] = trainer.TrainBatch(batch).LossPerFrame;
        }

        for (int i = 0; i < losses.Length; i++)
        {
            Assert.True(Math.Abs(losses[i] - Recorded[i]) <= 1e-4 * Recorded[i], $"update {i}: {losses[i]:R}, recorded {Recorded[i]:R}");
        }
    }
}
