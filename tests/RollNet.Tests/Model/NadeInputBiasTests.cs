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
/// The NADE head's biases conditioned on the input frame as well as on the top state: the two maps from the input
/// are extra tensors at the end of the layout, so a model without them is laid out and initialised as before, and with
/// them at zero the model predicts exactly what the model without them does.
/// </summary>
public sealed class NadeInputBiasTests
{
    private static readonly ModelConfig Without =
        new(Layers: 2, HiddenSize: 6, Dropout: 0.3f, InputSize: 5, OutputSize: 5, new NadeHeadOptions(3));

    private static readonly ModelConfig With = Without with { Head = new NadeHeadOptions(3, InputBias: true) };

    [Fact]
    public void TheMapsFromTheInputComeLastAndEveryOtherTensorIsInitialisedAsWithoutThem()
    {
        (ParameterLayout layout, int common, float[] added) = LayoutExtension.AssertExtends(Without, With);

        Assert.Equal(new ParameterTensor(NadeHead.VisibleInputWeightName, common, 5, 5), layout[NadeHead.VisibleInputWeightName]);
        Assert.Equal(new ParameterTensor(NadeHead.HiddenInputWeightName, common + 25, 3, 5), layout[NadeHead.HiddenInputWeightName]);
        Assert.Equal(common + 40, layout.Length);
        Assert.Contains(added, v => v != 0);
    }

    [Fact]
    public void WithTheMapsAtZeroTheModelPredictsExactlyAsWithoutThem()
    {
        using var backend = new CpuBackend(1);
        using var without = new RollModel(backend, Without, seed: 4);
        float[] parameters = without.Parameters.Download();
        using var with = new RollModel(backend, With, [.. parameters, .. new float[40]]);

        SamePredictions.Assert(without, with, Batch());
    }

    [Fact]
    public void TheInputChangesThePredictionThroughTheMaps()
    {
        using var backend = new CpuBackend(1);
        using var with = new RollModel(backend, With, seed: 4);
        float[] parameters = with.Parameters.Download();
        int maps = with.Parameters.Layout[NadeHead.VisibleInputWeightName].Offset;
        parameters.AsSpan(maps).Clear();
        using var zeroed = new RollModel(backend, With, parameters);
        using var runner = new InferenceRunner(with);
        using var zeroedRunner = new InferenceRunner(zeroed);
        SequenceBatch batch = Batch();

        Assert.NotEqual(runner.Evaluate(batch), zeroedRunner.Evaluate(batch));
    }

    [Fact]
    public void GradientsAreTheSameBytesOnAnyThreadCount()
    {
        float[] Gradients(int threads)
        {
            using var backend = new CpuBackend(threads);
            using var model = new RollModel(backend, With, seed: 4);
            using var pass = new ModelPass(model, Batch());
            pass.Loss(1f);
            pass.Backward();
            return GradientCheck.Download(backend, pass.Gradients.All);
        }

        Assert.Equal(Bits(Gradients(1)), Bits(Gradients(3)));
    }

    /// <summary>Three sequences of seven steps, about one key in three on, the last sequence two steps shorter.</summary>
    private static SequenceBatch Batch()
    {
        const int steps = 7, batch = 3;
        var inputs = new float[steps * batch * 5];
        var targets = new float[steps * batch * 5];
        for (int j = 0; j < inputs.Length; j++)
        {
            inputs[j] = CounterRandom.Uniform(21, 1, (ulong)j) < 0.35f ? 1 : 0;
        }

        for (int j = 0; j < targets.Length; j++)
        {
            targets[j] = CounterRandom.Uniform(21, 2, (ulong)j) < 0.35f ? 1 : 0;
        }

        float[] mask = [.. Enumerable.Range(0, steps * batch).Select(r => r % batch == 2 && r / batch >= 5 ? 0f : 1f)];
        return new SequenceBatch(steps, batch, 5, inputs, targets, mask);
    }

    private static int[] Bits(ReadOnlySpan<float> values) => [.. values.ToArray().Select(BitConverter.SingleToInt32Bits)];
}
