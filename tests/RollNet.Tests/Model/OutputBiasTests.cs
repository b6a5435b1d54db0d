using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

public sealed class OutputBiasTests
{
    private static readonly ModelConfig Config = new(Layers: 2, HiddenSize: 6, Dropout: 0f, InputSize: 5, OutputSize: 4);

    [Fact]
    public void TheOutputBiasesBecomeTheLogOddsAndNothingElseChanges()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, Config, seed: 3);
        float[] before = model.Parameters.Download();
        double[] p = [0.01, 0.5, 0.9, 1e-6];

        model.Parameters.InitializeOutputBias(p);

        float[] after = model.Parameters.Download();
        ParameterTensor bias = model.Parameters.Layout[model.Parameters.Layout.OutputBias];
        for (int k = 0; k < p.Length; k++)
        {
            Assert.Equal(p[k], 1 / (1 + Math.Exp(-after[bias.Offset + k])), 6);
        }

        Assert.Equal(before[..bias.Offset], after[..bias.Offset]);
        Assert.Equal(before[(bias.Offset + bias.Length)..], after[(bias.Offset + bias.Length)..]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(-0.2)]
    public void AProbabilityOfCertaintyOrNoneIsRefused(double bad)
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, Config, seed: 3);
        float[] before = model.Parameters.Download();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Parameters.InitializeOutputBias([0.2, bad, 0.2, 0.2]));

        Assert.Contains("probability 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.Parameters.Download());
    }

    [Fact]
    public void OneProbabilityPerKeyIsNeeded()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, Config, seed: 3);

        var e = Assert.Throws<ArgumentException>(() => model.Parameters.InitializeOutputBias([0.2, 0.2, 0.2]));

        Assert.Contains("4 keys but 3 probabilities", e.Message, StringComparison.Ordinal);
    }
}
