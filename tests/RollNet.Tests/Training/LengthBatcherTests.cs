using RollNet.Data;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Training;

public sealed class LengthBatcherTests
{
    [Fact]
    public void EverySequenceIsInExactlyOneBatchOfSimilarLengths()
    {
        List<PianoRoll> rolls = [.. Enumerable.Range(0, 11).Select(i => new PianoRoll(2 + ((i * 7) % 11)))];

        var batcher = new LengthBatcher(rolls, batchSize: 4, seed: 1);

        Assert.Equal([4, 4, 3], batcher.Batches.Select(b => b.Count));
        Assert.Equal(rolls.Select(r => r.Steps).Order(), batcher.Batches.SelectMany(b => b).Select(r => r.Steps));
        Assert.All(rolls, roll => Assert.Single(batcher.Batches.SelectMany(b => b), r => ReferenceEquals(r, roll)));
        Assert.Equal(rolls.Sum(r => r.Steps - 1), batcher.Frames);
    }

    [Fact]
    public void TheOrderDependsOnlyOnTheSeedAndTheEpoch()
    {
        List<PianoRoll> rolls = [.. Enumerable.Range(0, 40).Select(i => new PianoRoll(2 + i))];
        var batcher = new LengthBatcher(rolls, batchSize: 2, seed: 5);

        int[] first = batcher.Order(0);

        Assert.Equal(Enumerable.Range(0, 20), first.Order());
        Assert.Equal(first, new LengthBatcher(rolls, batchSize: 2, seed: 5).Order(0));
        Assert.NotEqual(first, batcher.Order(1));
        Assert.NotEqual(first, new LengthBatcher(rolls, batchSize: 2, seed: 6).Order(0));
    }

    [Fact]
    public void LongSequencesAreCutKeepingEveryNextFramePairOnce()
    {
        PianoRoll roll = Synthetic.Rolls(1, 10)[0];

        var batcher = new LengthBatcher([roll, new PianoRoll(1)], batchSize: 8, seed: 1, maxSteps: 4);

        PianoRoll[] pieces = [.. batcher.Batches.Single()];
        Assert.Equal([4, 4, 4], pieces.Select(p => p.Steps));
        Assert.Equal(roll.Steps - 1, batcher.Frames);
        Assert.Contains(pieces, p => p.ContentEquals(roll.Slice(3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LengthBatcher([roll], 8, 1, maxSteps: 1));
    }
}
