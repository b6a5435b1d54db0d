using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Tests.Gradients;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>
/// The NADE head's visible biases learning from the motion of the outer voices: one weight per interval class, the last
/// tensor of the layout and 0 at first, so that a model without it is laid out as before and one with it predicts as
/// that model until it learns; the loss, which reads each key's class from the whole target frame, and the key-by-key
/// decoding, which knows only the keys decided so far, see the same biases.
/// </summary>
public sealed class NadeParallelBiasTests
{
    private const int Keys = 12;

    private static readonly ModelConfig Without = new(Layers: 2, HiddenSize: 6, Dropout: 0.3f, InputSize: Keys,
        OutputSize: Keys, new NadeHeadOptions(3, KeyOrder.OutsideIn));

    // Split off the middle, so that the order and the classes are checked where the two differ.
    private static readonly ModelConfig With =
        Without with { Head = new NadeHeadOptions(3, KeyOrder.OutsideIn, ParallelBias: true, Split: 8) };

    private static readonly ModelConfig WithoutSplitAlike = Without with { Head = new NadeHeadOptions(3, KeyOrder.OutsideIn, Split: 8) };

    [Fact]
    public void TheWeightsComeLastAndStartAtZero()
    {
        (ParameterLayout layout, int common, float[] added) = LayoutExtension.AssertExtends(Without, With);

        Assert.Equal(new ParameterTensor(NadeHead.ParallelWeightName, common, 1, 12), layout[NadeHead.ParallelWeightName]);
        Assert.Equal(common + 12, layout.Length);
        Assert.All(added, v => Assert.Equal(0, v));
    }

    [Fact]
    public void WithTheWeightsAtZeroTheModelPredictsExactlyAsWithoutThem()
    {
        using var backend = new CpuBackend(1);
        using var without = new RollModel(backend, WithoutSplitAlike, seed: 4);
        using var with = new RollModel(backend, With, seed: 4);

        SamePredictions.Assert(without, with, Batch());
    }

    [Fact]
    public void TheLossIsTheLogProbabilityOfDecidingTheTargetsKeyByKey()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, With, seed: 4);
        backend.Upload(GradientCheck.Random(12, 5, 3f), model.Parameters.Value(NadeHead.ParallelWeightName));
        using var runner = new InferenceRunner(model);
        SequenceBatch batch = Batch();
        double loss = runner.Evaluate(batch);
        double logProbability = 0;
        int[] order = With.Head.DecisionOrder(Keys)!;
        float[] decided = [.. Enumerable.Repeat(1f, Keys)], frame = new float[Keys];
        for (int row = 0; row < batch.Steps * batch.BatchSize; row++)
        {
            if (batch.Mask[row] != 0)
            {
                float[] held = [.. order.Select(key => batch.Targets[(row * Keys) + key])];
                logProbability += model.Head.SampleFrameHeld(runner.Activations.Head, row, new FrameDraw(1, 0, 1, 0), held,
                    decided, frame, []).FrameLogProbability;
            }
        }

        using var without = new RollModel(backend, WithoutSplitAlike, model.Parameters.Download()[..^12]);
        using var withoutRunner = new InferenceRunner(without);
        Assert.Equal(-loss, logProbability, 1e-4);
        Assert.NotEqual(withoutRunner.Evaluate(batch), loss, 1e-3);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(11)]
    public void EachKeysClassFromTheWholeTargetIsTheOneItHasGivenTheKeysDecidedBeforeIt(int split)
    {
        Span<int> classes = stackalloc int[Keys], latestAbove = stackalloc int[Keys], latestBelow = stackalloc int[Keys];
        ParallelMotion.LatestPositions(split, latestAbove, latestBelow);
        int fired = 0;
        for (ulong n = 0; n < 2000; n++)
        {
            float[] input = RandomFrame(n, 1), target = RandomFrame(n, 2);
            ParallelMotion.RowClasses(input, target, split, classes);
            (int, int, int) before = ParallelMotion.Outer(input, split);
            var decided = new float[Keys];
            for (int j = 0; j < Keys; j++)
            {
                // As decoding asks it, from the outer keys decided so far, and by the definition, key by key.
                (int bass, int top, _) = ParallelMotion.Outer(decided, split);
                int key = OutsideInOrder.KeyAt(j, Keys, split), expected = DefinedClass(j, decided, before, split);
                Assert.Equal(expected, classes[j]);
                Assert.Equal(expected, ParallelMotion.ClassAt(key, j, bass, top, latestAbove, latestBelow, before, split));
                decided[j] = target[j];
                fired += classes[j] >= 0 ? 1 : 0;
            }
        }

        Assert.InRange(fired, 100, 2000 * Keys);
    }

    [Fact]
    public void TheKeyThatCompletesParallelFifthsGetsTheWeightOfItsClass()
    {
        using var backend = new CpuBackend(1);
        float[] weights = [.. Enumerable.Range(0, 12).Select(c => 10f * (c + 1))];

        // C and G, then D and A: deciding outside-in, A (the top) comes first, and D completes the outer voices, a
        // fifth apart again after both moved up.
        (float[] added, float[] classes) = Add(backend, Ordered(0, 7), Ordered(2, 9), weights);
        int d = OutsideInOrder.PositionOf(2, Keys, Keys / 2);
        Assert.Equal(Only(d, 80f, 0), added);
        Assert.Equal(Only(d, 7, -1), classes);

        // Contrary motion, a rest, or a single key before: no class.
        Assert.Equal(Only(-1, 0, -1), Add(backend, Ordered(0, 7), Ordered(2, 5, 6), weights).Classes);
        Assert.Equal(Only(-1, 0, -1), Add(backend, Ordered(), Ordered(2, 9), weights).Classes);
        Assert.Equal(Only(-1, 0, -1), Add(backend, Ordered(7), Ordered(2, 9), weights).Classes);
    }

    [Fact]
    public void ItsBackwardAddsEachKeysGradientToItsClass()
    {
        using var backend = new CpuBackend(1);
        float[] classes = [.. Enumerable.Range(0, 2 * Keys).Select(j => j % 5 == 0 ? (float)(j % 12) : -1)];
        float[] dc = [.. Enumerable.Range(0, 2 * Keys).Select(j => (float)j)];
        using DeviceBuffer c = Upload(backend, classes), d = Upload(backend, dc), dw = Upload(backend, new float[12]);

        backend.ParallelMotionBackward(2, Keys, c.All, d.All, dw.All);

        var expected = new float[12];
        for (int j = 0; j < classes.Length; j++)
        {
            if (classes[j] >= 0)
            {
                expected[(int)classes[j]] += dc[j];
            }
        }

        Assert.Equal(expected, GradientCheck.Download(backend, dw.All));
        Assert.Contains(expected, v => v != 0);
    }

    [Fact]
    public void ParallelBiasNeedsTheNadeHeadOutsideIn()
    {
        foreach (ModelConfig config in new[]
        {
            With with { Head = new NadeHeadOptions(3, ParallelBias: true) },
            With with { InputSize = Keys - 1 },
        })
        {
            var e = Assert.Throws<ArgumentException>(() => config.Validate());
            Assert.StartsWith("the NADE head's ParallelBias needs the outside-in order", e.Message, StringComparison.Ordinal);
        }
    }

    // The class of the key at position j straight from its definition: every key above it decided and silent with the
    // lowest sounding key known (every key below it decided), or the same the other way round.
    private static int DefinedClass(int position, ReadOnlySpan<float> decided, (int Bass, int Top, int Count) before,
        int split)
    {
        int key = OutsideInOrder.KeyAt(position, Keys, split);
        (int bass, int top, _) = ParallelMotion.Outer(decided, split);
        bool aboveDecided = true, belowDecided = true, belowBassDecided = bass >= 0, aboveTopDecided = top >= 0;
        for (int m = 0; m < Keys; m++)
        {
            bool isDecided = OutsideInOrder.PositionOf(m, Keys, split) < position;
            aboveDecided &= m <= key || isDecided;
            belowDecided &= m >= key || isDecided;
            belowBassDecided &= m >= bass || isDecided;
            aboveTopDecided &= m <= top || isDecided;
        }

        return before.Count < 2 ? -1
            : aboveDecided && top < key && belowBassDecided && bass >= 0 && bass < key ? ParallelMotion.Class(key, bass, before.Top, before.Bass)
            : belowDecided && (bass < 0 || bass > key) && aboveTopDecided && top > key ? ParallelMotion.Class(top, key, before.Top, before.Bass)
            : -1;
    }

    // What AddParallelMotion adds to biases of 0 for one row, and the classes it writes.
    private static (float[] Added, float[] Classes) Add(Backend backend, float[] before, float[] after, float[] weights)
    {
        using DeviceBuffer x = Upload(backend, before), t = Upload(backend, after), w = Upload(backend, weights);
        using DeviceBuffer c = Upload(backend, new float[Keys]), classes = backend.Allocate(Keys);
        backend.AddParallelMotion(1, Keys, x.All, Keys, t.All, Keys / 2, w.All, c.All, classes.All);
        return (GradientCheck.Download(backend, c.All), GradientCheck.Download(backend, classes.All));
    }

    private static float[] Only(int position, float value, float elsewhere)
    {
        float[] frame = [.. Enumerable.Repeat(elsewhere, Keys)];
        if (position >= 0)
        {
            frame[position] = value;
        }

        return frame;
    }

    // A frame in outside-in order, split in the middle, sounding the given keys.
    private static float[] Ordered(params int[] keys)
    {
        var frame = new float[Keys];
        foreach (int key in keys)
        {
            frame[OutsideInOrder.PositionOf(key, Keys, Keys / 2)] = 1;
        }

        return frame;
    }

    private static float[] RandomFrame(ulong n, ulong stream) =>
        [.. Enumerable.Range(0, Keys).Select(j => CounterRandom.Uniform(n, stream, (ulong)j) < 0.3f ? 1f : 0f)];

    private static DeviceBuffer Upload(Backend backend, float[] values)
    {
        DeviceBuffer buffer = backend.Allocate(values.Length);
        backend.Upload(values, buffer.All);
        return buffer;
    }

    /// <summary>
    /// Three sequences of 12 steps: each frame a bass and the fifth above it with a key between at random, the bass
    /// wandering, so that the outer voices often move in parallel fifths; the last sequence two steps shorter.
    /// </summary>
    private static SequenceBatch Batch()
    {
        const int steps = 12, batch = 3;
        var frames = new float[(steps + 1) * batch * Keys];
        for (int row = 0; row < (steps + 1) * batch; row++)
        {
            int bass = (int)(CounterRandom.Uniform(22, 1, (ulong)row) * 5);
            int inner = bass + 1 + (int)(CounterRandom.Uniform(22, 2, (ulong)row) * 6);
            foreach (int key in new[] { bass, inner, bass + 7 })
            {
                frames[(row * Keys) + key] = 1;
            }
        }

        float[] mask = [.. Enumerable.Range(0, steps * batch).Select(r => r % batch == 2 && r / batch >= 10 ? 0f : 1f)];
        return new SequenceBatch(steps, batch, Keys, frames[..(steps * batch * Keys)], frames[(batch * Keys)..], mask);
    }
}
