using System.Numerics.Tensors;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Tests.Model;
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
    public void AThresholdMovesTheDecision()
    {
        // Two keys, one frame each; logits 1 and −1 are probabilities 0.731 and 0.269.
        float[] logits = [1, -1, 1, -1];
        float[] targets = [1, 1, 0, 1];
        float[] mask = [1, 1];
        var strict = new FrameMetrics(0.75);
        var lenient = new FrameMetrics(0.25);
        strict.Add(logits, targets, mask, keys: 2, lossSum: 0);
        lenient.Add(logits, targets, mask, keys: 2, lossSum: 0);

        // Above 0.75 nothing sounds; above 0.25 everything does.
        Assert.Equal((0L, 0L, 3L), (strict.TruePositives, strict.FalsePositives, strict.FalseNegatives));
        Assert.Equal((3L, 1L, 0L), (lenient.TruePositives, lenient.FalsePositives, lenient.FalseNegatives));
        Assert.Equal(1, lenient.ExactFrames);
        Assert.Equal(0.75, strict.Threshold);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ThresholdsThatAreNotProbabilitiesBetweenZeroAndOneAreRefused(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameMetrics(threshold));

    [Fact]
    public void ChooseThresholdPicksTheBestBayAccuracyOfTheGridFromOneRun()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0), seed: 4);
        using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 0.05f });
        List<RollNet.Data.PianoRoll> rolls = Synthetic.Rolls(4, 12);
        for (int step = 0; step < 20; step++)
        {
            trainer.TrainBatch(SequenceBatch.FromRolls(rolls));
        }

        FrameMetrics[] together = Evaluation.Measure(trainer.Runner, rolls, batchSize: 3, Evaluation.ThresholdGrid);
        FrameMetrics[] apart = [.. Evaluation.ThresholdGrid.Select(t => Evaluation.Measure(trainer.Runner, rolls, 3, threshold: t))];
        Assert.Equal(apart.Select(m => m.BayAccuracy), together.Select(m => m.BayAccuracy));
        Assert.Equal(apart.Select(m => m.ExactFrames), together.Select(m => m.ExactFrames));
        Assert.Equal(apart[49].BayAccuracy, Evaluation.Measure(trainer.Runner, rolls, 3).BayAccuracy);

        double chosen = Evaluation.ChooseThreshold(trainer.Runner, rolls, batchSize: 3);
        double best = apart.Max(m => m.BayAccuracy);
        Assert.Equal(best, apart.First(m => m.Threshold == chosen).BayAccuracy);
        Assert.Equal(chosen, apart.First(m => m.BayAccuracy == best).Threshold);
        // A model half trained is unsure of itself: some threshold other than 0.5 does better.
        Assert.True(best > apart[49].BayAccuracy, $"best {best}, at 0.5 {apart[49].BayAccuracy}");
    }

    [Fact]
    public void EvaluateAgreesWithTheTrainingLossWithoutDropout()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0), seed: 4);
        using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 1e-9f, ClipNorm = 0 });
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(3, 10));
        FrameMetrics metrics = Evaluation.Measure(trainer.Runner, Synthetic.Rolls(3, 10), batchSize: 3);
        Assert.Equal(batch.Frames, metrics.Frames);
        Assert.Equal(trainer.TrainBatch(batch).LossPerFrame, metrics.LossPerFrame, 5);
    }

    [Theory]
    [InlineData("sigmoid", false)]
    [InlineData("nade", true)]
    [InlineData("categorical", true)]
    public void OnlyAHeadWhoseKeysDependOnEachOtherDecodesDifferentlyAtAnotherThreshold(string head, bool differs)
    {
        // Greedy decoding: a NADE key's log-odds depend on which keys below it were decided on, and a lower
        // threshold decides more of them on.
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Head: TestHeads.Small(head, 6)), seed: 4);
        using var runner = new InferenceRunner(model);
        runner.Evaluate(SequenceBatch.FromRolls(Synthetic.Rolls(2, 6)));
        float[] low = runner.LogOdds(0.2).ToArray(), high = runner.LogOdds(0.8).ToArray();

        Assert.Equal(differs, !low.SequenceEqual(high));
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.LogOdds(1));
    }

    [Fact]
    public void TheSigmoidHeadsMarginalsAreItsOwnLogOdds()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8), seed: 4);
        using var runner = new InferenceRunner(model);
        runner.Evaluate(SequenceBatch.FromRolls(Synthetic.Rolls(2, 6)));
        Assert.Equal(runner.LogOdds().ToArray(), runner.MarginalLogOdds(3).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.MarginalLogOdds(0));
    }

    [Fact]
    public void NadeMarginalsAreExactWhereAKeyDoesNotDependOnTheKeysBelowIt()
    {
        // With W = 0 no key depends on the keys below it, so each key's conditional probability, which the greedy
        // log-odds give exactly, is its marginal, and a single draw's conditionals already are the marginals.
        using var backend = new CpuBackend(1);
        using RollModel model = NadeModelWithScaledWeights(backend, 0);
        using var runner = new InferenceRunner(model);
        runner.Evaluate(SequenceBatch.FromRolls(Synthetic.Rolls(1, 3)));
        float[] exact = runner.LogOdds().ToArray();

        foreach (int samples in new[] { 1, 7 })
        {
            float[] estimated = runner.MarginalLogOdds(samples, seed: 7).ToArray();
            for (int j = 0; j < exact.Length; j++)
            {
                Assert.Equal(exact[j], estimated[j], 1e-4);
            }
        }
    }

    [Fact]
    public void NadeMarginalsAverageTheDrawsOfTheirSeedAndTheLowestKeyIsExact()
    {
        // The lowest key has no keys below it: its conditional is its marginal in every draw. The keys above it depend
        // on what was drawn below them, so their estimates follow the seed.
        using var backend = new CpuBackend(1);
        using RollModel model = NadeModelWithScaledWeights(backend, 3);
        using var runner = new InferenceRunner(model);
        runner.Evaluate(SequenceBatch.FromRolls(Synthetic.Rolls(1, 3)));
        float[] exact = runner.LogOdds().ToArray();
        float[] estimated = runner.MarginalLogOdds(50, seed: 7).ToArray();

        for (int row = 0; row * PianoRoll.Keys < exact.Length; row++)
        {
            Assert.Equal(exact[row * PianoRoll.Keys], estimated[row * PianoRoll.Keys], 1e-4);
        }

        Assert.Equal(estimated, runner.MarginalLogOdds(50, seed: 7).ToArray());
        Assert.NotEqual(estimated, runner.MarginalLogOdds(50, seed: 8).ToArray());
    }

    [Fact]
    public void MarginalDecodingGivesTheNadeHeadItsOwnAccuraciesAndTheSameLikelihood()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Head: new NadeHeadOptions(6)), seed: 4);
        using var runner = new InferenceRunner(model);
        var rolls = Synthetic.Rolls(3, 9);
        FrameMetrics greedy = Evaluation.Measure(runner, rolls, batchSize: 2);
        FrameMetrics marginal = Evaluation.Measure(runner, rolls, batchSize: 2, marginalSamples: 50);

        Assert.Equal(greedy.LossSum, marginal.LossSum);
        Assert.NotEqual((greedy.TruePositives, greedy.FalsePositives), (marginal.TruePositives, marginal.FalsePositives));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Measure(runner, rolls, 2, marginalSamples: -1));
    }

    /// <summary>A small NADE model whose input weights W, which make a key depend on the keys below it, are scaled.</summary>
    private static RollModel NadeModelWithScaledWeights(CpuBackend backend, float scale)
    {
        var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Head: new NadeHeadOptions(6)), seed: 4);
        float[] values = model.Parameters.Download();
        ParameterTensor w = model.Parameters.Layout[NadeHead.WeightName];
        TensorPrimitives.Multiply(values.AsSpan(w.Offset, w.Length), scale, values.AsSpan(w.Offset, w.Length));
        model.Parameters.Upload(values);
        return model;
    }
}
