using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>
/// A NADE head that decides the keys from the highest down: each key depends on the keys above it in its frame, never
/// on those below; everything the runner gives out is in the keys' own order; checkpoints record the order.
/// </summary>
public sealed class KeyOrderTests : IDisposable
{
    private const int Low = 40, High = 60;

    private readonly TempDirectory _directory = new();
    private readonly CpuBackend _backend = new(1);

    public void Dispose()
    {
        _backend.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(KeyOrder.Ascending)]
    [InlineData(KeyOrder.Descending)]
    [InlineData(KeyOrder.OutsideIn)] // C4 is 27 keys from the top and 39 from the bottom: decided before E3
    public void AKeyDependsOnlyOnTheKeysDecidedBeforeIt(KeyOrder order)
    {
        using RollModel model = Model(order);
        using var runner = new InferenceRunner(model);
        PianoRoll both = Frame(Low, High), highOnly = Frame(High), lowOnly = Frame(Low);

        double[] withBoth = Evaluation.KeyLogProbabilities(runner, both);
        double[] withoutLow = Evaluation.KeyLogProbabilities(runner, highOnly);
        double[] withoutHigh = Evaluation.KeyLogProbabilities(runner, lowOnly);

        // Removing the key decided later leaves the earlier one's probability as it was; removing the earlier changes the later.
        (int first, int second, double[] withoutFirst, double[] withoutSecond) = order == KeyOrder.Ascending
            ? (Low, High, withoutLow, withoutHigh)
            : (High, Low, withoutHigh, withoutLow);
        Assert.Equal(withBoth[first], withoutSecond[first], 12);
        Assert.NotEqual(withBoth[second], withoutFirst[second], 6);
    }

    [Theory]
    [InlineData(KeyOrder.Descending)]
    [InlineData(KeyOrder.OutsideIn)]
    public void TheRunnersLossAndItsKeyByKeyLikelihoodsAgreeInAnyOrder(KeyOrder order)
    {
        using RollModel model = Model(order);
        using var runner = new InferenceRunner(model);
        PianoRoll roll = PianoRoll.FromPitches([[60, 64, 67], [62, 65, 69], [59, 62, 67, 74], [60, 64, 67, 72]]);

        double loss = runner.Evaluate(SequenceBatch.FromRolls([PianoRoll.Concat(new PianoRoll(1), roll)]));
        double[] keys = Evaluation.KeyLogProbabilities(runner, roll);

        Assert.Equal(loss, -keys.Sum(), 3);
    }

    [Fact]
    public void ACheckpointRecordsTheOrderAndAnAscendingOneKeepsItsFormat()
    {
        using RollModel descending = Model(KeyOrder.Descending), ascending = Model(KeyOrder.Ascending);
        string d = _directory.File("d.rollnet"), a = _directory.File("a.rollnet");

        descending.Save(d);
        ascending.Save(a);

        Assert.Equal(KeyOrder.Descending, ((NadeHeadOptions)CheckpointCodec.Load(d).Config.Head).Order);
        Assert.Equal(3, CheckpointCodec.Load(d).Header.FormatVersion);
        Assert.Equal(KeyOrder.Ascending, ((NadeHeadOptions)CheckpointCodec.Load(a).Config.Head).Order);
        Assert.Equal(2, CheckpointCodec.Load(a).Header.FormatVersion);
        Assert.DoesNotContain("nadeOrder", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(a)), StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideInTakesTheKeysFromBothEndsInwards()
    {
        int[] order = new NadeHeadOptions(Order: KeyOrder.OutsideIn).DecisionOrder(88)!;

        Assert.Equal([87, 0, 86, 1, 85, 2], order[..6]);
        Assert.Equal(Enumerable.Range(0, 88), order.Order());
    }

    [Fact]
    public void ASplitOffTheMiddleTakesTurnsUntilOneSideIsDoneAndKeepsItInTheFile()
    {
        var config = new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0, Head: new NadeHeadOptions(6, KeyOrder.OutsideIn, Split: 84));
        int[] order = config.Head.DecisionOrder(88)!;

        // The upper side, keys 84 to 87, is done after four turns; the lower side goes on alone from key 4.
        Assert.Equal([87, 0, 86, 1, 85, 2, 84, 3, 4, 5], order[..10]);
        Assert.Equal(Enumerable.Range(0, 88), order.Order());
        Assert.Equal(new NadeHeadOptions(Order: KeyOrder.OutsideIn).DecisionOrder(88),
            new NadeHeadOptions(Order: KeyOrder.OutsideIn, Split: 44).DecisionOrder(88));

        using var model = new RollModel(_backend, config, seed: 3);
        string path = _directory.File("split.rollnet");
        model.Save(path);
        Assert.Equal(5, CheckpointCodec.Load(path).Header.FormatVersion);
        Assert.Equal(config, CheckpointCodec.Load(path).Config);
        Assert.Throws<ArgumentException>(() => (config with { Head = new NadeHeadOptions(6, Split: 84) }).Validate());
        Assert.Throws<ArgumentException>(() => (config with { Head = new NadeHeadOptions(6, KeyOrder.OutsideIn, Split: 88) }).Validate());
    }

    private RollModel Model(KeyOrder order) =>
        new(_backend, new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0, Head: new NadeHeadOptions(6, order)), seed: 3);

    private static PianoRoll Frame(params int[] keys)
    {
        var roll = new PianoRoll(1);
        foreach (int k in keys)
        {
            roll[0, k] = true;
        }

        return roll;
    }
}
