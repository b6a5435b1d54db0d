using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Model;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Training;

public sealed class TrainerTests
{
    private static readonly ModelConfig Tiny = new(Layers: 2, HiddenSize: 16, Dropout: 0.1f);

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.01f, 0)]
    [InlineData(OptimizerKind.Adam, 0.01f, 5)]
    [InlineData(OptimizerKind.Sgd, 0.5f, 0)]
    public void LossFallsOnALearnableSequence(OptimizerKind optimizer, float learningRate, int bptt)
    {
        double[] losses = Train(new TrainerOptions
        {
            Optimizer = optimizer, LearningRate = learningRate, BpttSteps = bptt, Seed = 3,
        }, threads: 1, updates: 60);

        // From about 88·ln 2 ≈ 61 nats per frame at the start, a cycle of four chords is nearly predictable.
        Assert.True(losses[0] > 40, $"the first loss was {losses[0]}");
        Assert.True(losses[^1] < losses[0] / 4, $"the loss went from {losses[0]} to {losses[^1]}");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void AtSizesThatSplitEveryOperationTheSameSeedGivesTheSameBytesOnAnyThreadCount(string head)
    {
        // 16 sequences of 64 steps on 2×64 units: the loss (1,024 rows × 88 keys) and the gradient norm (over 78,000
        // parameters) are past the size at which the CPU backend shares work among its threads, so these sums are
        // split differently on 1, 2 and 3 threads.
        var config = new ModelConfig(Layers: 2, HiddenSize: 64, Dropout: 0.3f, Head: TestHeads.Small(head, 10));
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(16, 65));
        (double[] Losses, float[] Parameters) Run(int threads)
        {
            using var backend = new CpuBackend(threads);
            using var model = new RollModel(backend, config, seed: 2);
            using var trainer = new Trainer(model, new TrainerOptions { LearningRate = 0.01f, ClipNorm = 0.5f, Seed = 4 });
            double[] losses = [.. Enumerable.Range(0, 3).Select(_ => trainer.TrainBatch(batch).LossSum)];
            return (losses, model.Parameters.Download());
        }

        (double[] losses, float[] parameters) = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            (double[] losses2, float[] parameters2) = Run(threads);
            Assert.Equal(losses, losses2);
            Assert.Equal(parameters, parameters2);
        }
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void AWarmTrainingStepAllocatesNothing(string head)
    {
        // One thread, so that every allocation of the step would be this thread's.
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 2, HiddenSize: 32, Head: TestHeads.Small(head, 10)), seed: 2);
        using var trainer = new Trainer(model, new TrainerOptions { Seed = 4 });
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(8, 33));

        // Two steps to warm up: the trainer's buffers settle in the first two.
        trainer.TrainBatch(batch);
        trainer.TrainBatch(batch);
        long allocated = Allocations.LeastPerCall(5, () => trainer.TrainBatch(batch));

        Assert.True(allocated == 0, $"a warm training step with the {head} head allocated {allocated} bytes");
    }

    [Fact]
    public void TheSameSeedGivesTheSameLossesOnAnyThreadCount()
    {
        var options = new TrainerOptions { LearningRate = 0.01f, BpttSteps = 4, Seed = 9 };
        double[] first = Train(options, threads: 1, updates: 8);
        Assert.Equal(first, Train(options, threads: 1, updates: 8));
        Assert.Equal(first, Train(options, threads: 2, updates: 8));
        Assert.NotEqual(first, Train(options with { Seed = 10 }, threads: 1, updates: 8));
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void ANonFiniteLossStopsTrainingAndLeavesTheParametersAsTheyWere(string head)
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, Tiny with { Head = TestHeads.Small(head, 5) }, seed: 1);
        using var trainer = new Trainer(model, new TrainerOptions());
        float[] parameters = model.Parameters.Download();
        float[] poisoned = (float[])parameters.Clone();
        poisoned[model.Parameters.Layout[model.Parameters.Layout.OutputBias].Offset] = float.NaN;
        model.Parameters.Upload(poisoned);

        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(4, 12));
        Assert.Throws<NonFiniteLossException>(() => trainer.TrainBatch(batch));
        Assert.Equal(0, trainer.Optimizer.Steps);
        Assert.Equal(poisoned, model.Parameters.Download());
    }

    [Fact]
    public void BadBatchesAreRejectedWithAClearMessage()
    {
        var nan = new float[88];
        nan[5] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => new SequenceBatch(1, 1, 88, nan, new float[88], [1]));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SequenceBatch.FromRolls([]));
        Assert.Throws<ArgumentException>(() => new SequenceBatch(1, 1, 88, new float[88], new float[88], [0]));
        Assert.Throws<ArgumentException>(() => new SequenceBatch(2, 1, 88, new float[88], new float[88], [1]));
    }

    private static double[] Train(TrainerOptions options, int threads, int updates)
    {
        using var backend = new CpuBackend(threads);
        using var model = new RollModel(backend, Tiny, seed: options.Seed);
        using var trainer = new Trainer(model, options);
        var batch = SequenceBatch.FromRolls(Synthetic.Rolls(6, 16));
        var losses = new double[updates];
        for (int i = 0; i < updates; i++)
        {
            losses[i] = trainer.TrainBatch(batch).LossPerFrame;
        }

        return losses;
    }
}
