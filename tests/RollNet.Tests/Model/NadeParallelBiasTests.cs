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
/// The NADE head's visible biases learning from parallel motion with the bass: two weights per interval (any voice, the
/// top voice), the last tensors of the layout and 0 at first, so that a model without it is laid out as before and one with it predicts as that
/// model until it learns; the loss and the key-by-key decoding see the same biases.
/// </summary>
public sealed class NadeParallelBiasTests
{
    private const int Keys = 12;

    private static readonly ModelConfig Without =
        new(Layers: 2, HiddenSize: 6, Dropout: 0.3f, InputSize: Keys, OutputSize: Keys, OutputHeadKind.Nade, NadeHidden: 3);

    private static readonly ModelConfig With = Without with { NadeParallelBias = true };

    [Fact]
    public void TheWeightsComeLastAndStartAtZero()
    {
        using var backend = new CpuBackend(1);
        using var without = new RollModel(backend, Without, seed: 4);
        using var with = new RollModel(backend, With, seed: 4);
        ParameterLayout layout = with.Parameters.Layout;
        int common = without.Parameters.Layout.Length;

        Assert.Equal(without.Parameters.Layout.Tensors, layout.Tensors.Take(without.Parameters.Layout.Tensors.Count));
        Assert.Equal(new ParameterTensor(NadeHead.ParallelWeightName, common, 1, Keys), layout[NadeHead.ParallelWeightName]);
        Assert.Equal(new ParameterTensor(NadeHead.TopParallelWeightName, common + Keys, 1, Keys),
            layout[NadeHead.TopParallelWeightName]);
        Assert.Equal(common + (2 * Keys), layout.Length);
        float[] values = with.Parameters.Download();
        Assert.Equal(without.Parameters.Download(), values[..common]);
        Assert.All(values[common..], v => Assert.Equal(0, v));
    }

    [Fact]
    public void WithTheWeightsAtZeroTheModelPredictsExactlyAsWithoutThem()
    {
        using var backend = new CpuBackend(1);
        using var without = new RollModel(backend, Without, seed: 4);
        using var with = new RollModel(backend, With, seed: 4);
        using var withoutRunner = new InferenceRunner(without);
        using var withRunner = new InferenceRunner(with);
        SequenceBatch batch = Batch();

        Assert.Equal(withoutRunner.Evaluate(batch), withRunner.Evaluate(batch));
        Assert.Equal(Bits(withoutRunner.LogOdds(0.4)), Bits(withRunner.LogOdds(0.4)));
    }

    [Fact]
    public void TheLossIsTheLogProbabilityOfDecidingTheTargetsKeyByKey()
    {
        using var backend = new CpuBackend(1);
        using var model = WithRandomWeights(backend);
        using var runner = new InferenceRunner(model);
        SequenceBatch batch = Batch();
        double loss = runner.Evaluate(batch);
        double logProbability = 0;
        float[] decided = [.. Enumerable.Repeat(1f, Keys)], frame = new float[Keys];
        for (int row = 0; row < batch.Steps * batch.BatchSize; row++)
        {
            if (batch.Mask[row] != 0)
            {
                HeldDraw draw = model.Head.SampleFrameHeld(runner.Activations.Head, row, new FrameDraw(1, 0, 1, 0),
                    batch.Targets.AsSpan(row * Keys, Keys), decided, frame, []);
                logProbability += draw.FrameLogProbability;
            }
        }

        using var without = new RollModel(backend, Without, model.Parameters.Download()[..^(2 * Keys)]);
        using var withoutRunner = new InferenceRunner(without);
        Assert.Equal(-loss, logProbability, 1e-4);
        Assert.NotEqual(withoutRunner.Evaluate(batch), loss, 1e-3);
    }

    [Fact]
    public void AKeyThatWouldMoveInParallelWithTheBassGetsTheWeightOfItsInterval()
    {
        using var backend = new CpuBackend(1);
        // P[r] = 10·r for any voice, Q[r] = 1000·r more for the top voice.
        float[] weights = [.. Enumerable.Range(0, Keys).Select(r => 10f * r), .. Enumerable.Range(0, Keys).Select(r => 1000f * r)];

        // The frame before: bass C (key 0), G (7) and A on top (9); then the bass moves up a tone to D (2). The keys a
        // fifth and a major sixth above it, A (9) and B (11), would move in parallel with it, B with the top voice. What
        // is added depends on the target only through its bass.
        Assert.Equal(Expected((9, 70f), (11, 9090f)), Add(backend, [0, 7, 9], [2, 9, 10, 11], weights));
        Assert.Equal(Expected((9, 70f), (11, 9090f)), Add(backend, [0, 7, 9], [2], weights));

        // The bass stays, or a frame is a rest: nothing is added.
        Assert.Equal(new float[Keys], Add(backend, [0, 7], [0, 7], weights));
        Assert.Equal(new float[Keys], Add(backend, [], [2, 9], weights));
        Assert.Equal(new float[Keys], Add(backend, [0, 7], [], weights));

        // An interval that would leave the keys above the new bass E (4) adds nothing; the tritone (10) still fits.
        Assert.Equal(Expected((10, 60f)), Add(backend, [0, 6, 11], [4, 10, 11], weights));
    }

    [Fact]
    public void ItsBackwardAddsEachAddedKeysGradientToItsInterval()
    {
        using var backend = new CpuBackend(1);
        float[] inputs = [.. Frame(0, 7, 9), .. Frame(3, 5), .. Frame(1)];
        float[] targets = [.. Frame(2, 9, 11), .. Frame(1, 3), .. Frame(1)];
        float[] dc = [.. Enumerable.Range(0, 3 * Keys).Select(j => (float)j)];
        using DeviceBuffer x = Upload(backend, inputs), t = Upload(backend, targets), d = Upload(backend, dc);
        using DeviceBuffer dp = Upload(backend, [.. Enumerable.Repeat(1f, 2 * Keys)]);

        backend.ParallelMotionBackward(3, Keys, x.All, Keys, t.All, d.All, dp.All);

        // Row 0: keys 9 = bass 2 + 7 and 11 = 2 + 9 (no matter that it is off in the target: dc is there too), where the
        // frame before sounded 0 + 7 and 0 + 9, its top. Row 1: key 1 + 2 = 3 from 3 + 2 = 5, its top. Row 2: the bass
        // stayed.
        float[] expected = [.. Enumerable.Repeat(1f, 2 * Keys)];
        expected[7] += dc[9];
        expected[9] += dc[11];
        expected[Keys + 9] += dc[11];
        expected[2] += dc[Keys + 3];
        expected[Keys + 2] += dc[Keys + 3];
        Assert.Equal(expected, GradientCheck.Download(backend, dp.All));
    }

    [Fact]
    public void ParallelBiasNeedsTheNadeHeadInAscendingOrder()
    {
        foreach (ModelConfig config in new[]
        {
            new ModelConfig(HiddenSize: 8, NadeParallelBias: true),
            With with { NadeOrder = KeyOrder.Descending },
            With with { InputSize = Keys - 1 },
        })
        {
            var e = Assert.Throws<ArgumentException>(() => config.Validate());
            Assert.StartsWith("NadeParallelBias needs the NADE head in ascending order", e.Message, StringComparison.Ordinal);
        }
    }

    private static RollModel WithRandomWeights(Backend backend)
    {
        var model = new RollModel(backend, With, seed: 4);
        BufferSlice weights = model.Parameters.Value(NadeHead.ParallelWeightName);
        backend.Upload(GradientCheck.Random(Keys, 5, 3f), weights);
        backend.Upload(GradientCheck.Random(Keys, 6, 3f), model.Parameters.Value(NadeHead.TopParallelWeightName));
        return model;
    }

    // What AddParallelMotion adds to biases of 0, for one row.
    private static float[] Add(Backend backend, int[] before, int[] after, float[] weights)
    {
        using DeviceBuffer x = Upload(backend, Frame(before)), t = Upload(backend, Frame(after));
        using DeviceBuffer p = Upload(backend, weights), c = backend.Allocate(Keys);
        backend.Fill(c.All, 0);
        backend.AddParallelMotion(1, Keys, x.All, Keys, t.All, p.All, c.All);
        return GradientCheck.Download(backend, c.All);
    }

    private static float[] Expected(params (int Key, float Value)[] added)
    {
        var frame = new float[Keys];
        foreach ((int key, float value) in added)
        {
            frame[key] = value;
        }

        return frame;
    }

    private static float[] Frame(params int[] keys)
    {
        var frame = new float[Keys];
        foreach (int key in keys)
        {
            frame[key] = 1;
        }

        return frame;
    }

    private static DeviceBuffer Upload(Backend backend, float[] values)
    {
        DeviceBuffer buffer = backend.Allocate(values.Length);
        backend.Upload(values, buffer.All);
        return buffer;
    }

    /// <summary>Three sequences of seven steps, about one key in four on, the last sequence two steps shorter.</summary>
    private static SequenceBatch Batch()
    {
        const int steps = 7, batch = 3;
        var inputs = new float[steps * batch * Keys];
        var targets = new float[steps * batch * Keys];
        for (int j = 0; j < inputs.Length; j++)
        {
            inputs[j] = CounterRandom.Uniform(21, 1, (ulong)j) < 0.25f ? 1 : 0;
            targets[j] = CounterRandom.Uniform(21, 2, (ulong)j) < 0.25f ? 1 : 0;
        }

        float[] mask = [.. Enumerable.Range(0, steps * batch).Select(r => r % batch == 2 && r / batch >= 5 ? 0f : 1f)];
        return new SequenceBatch(steps, batch, Keys, inputs, targets, mask);
    }

    private static int[] Bits(ReadOnlySpan<float> values) => [.. values.ToArray().Select(BitConverter.SingleToInt32Bits)];
}
