using RollNet.Compute;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Training;

public sealed class FrameMetricsTests
{
    [Fact]
    public void HandComputedCase()
    {
        // Four keys, four rows; the third row is padding and must not count.
        //            predicted (logit > 0)   actual
        // frame 0:   1 1 0 0                 1 1 0 0   exact: TP 2
        // frame 1:   1 0 0 0                 1 0 1 0   TP 1, FN 1
        // padding:   1 1 1 1                 0 0 0 0   (ignored)
        // frame 2:   0 1 0 1                 0 0 0 0   FP 2
        float[] logits = [3, 1, -1, -2, 0.5f, -0.1f, -3, -1, 9, 9, 9, 9, -1, 2, -4, 0.2f];
        float[] targets = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        float[] mask = [1, 1, 0, 1];
        var metrics = new FrameMetrics();
        metrics.Add(logits, targets, mask, keys: 4, lossSum: 6.0);

        Assert.Equal(3, metrics.Frames);
        Assert.Equal(1, metrics.ExactFrames);
        Assert.Equal((3L, 2L, 1L), (metrics.TruePositives, metrics.FalsePositives, metrics.FalseNegatives));
        Assert.Equal(1.0 / 3, metrics.StrictAccuracy, 12);
        Assert.Equal(3.0 / 6, metrics.BayAccuracy, 12);
        Assert.Equal(3.0 / 5, metrics.Precision, 12);
        Assert.Equal(3.0 / 4, metrics.Recall, 12);
        Assert.Equal(2 * 0.6 * 0.75 / 1.35, metrics.F1, 12);
        Assert.Equal(2.0, metrics.LossPerFrame, 12);
    }

    [Fact]
    public void EvaluateAgreesWithTheTrainingLossWithoutDropout()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0), seed: 4);
        using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 1e-9f, ClipNorm = 0 });
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(3, 10));
        var metrics = new FrameMetrics();
        trainer.Evaluate(batch, metrics);
        Assert.Equal(batch.Frames, metrics.Frames);
        Assert.Equal(trainer.TrainBatch(batch).LossPerFrame, metrics.LossPerFrame, 5);
    }
}
