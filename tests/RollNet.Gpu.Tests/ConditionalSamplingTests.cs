using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>
/// Harmonizing a melody through the seam: the particles' batched passes on the device give the CPU's piece and the
/// CPU's likelihoods, for either head and either key order.
/// </summary>
public abstract class ConditionalSamplingTests(DeviceFixture device)
{
    private const double Relative = 1e-4;

    [SkippableTheory]
    [InlineData("sigmoid", KeyOrder.Ascending)]
    [InlineData("nade", KeyOrder.Ascending)]
    [InlineData("nade", KeyOrder.Descending)]
    [InlineData("categorical", KeyOrder.Ascending)]
    public void AHarmonizationMatchesTheCpus(string head, KeyOrder order)
    {
        IlgpuBackend backend = device.Backend;
        var config = new ModelConfig(Layers: 2, HiddenSize: 8, Dropout: 0, Head: TestHeads.Small(head, 6, order));
        using var cpu = new CpuBackend(1);
        using var cpuModel = new RollModel(cpu, config, seed: 7);
        using var gpuModel = new RollModel(backend, config, cpuModel.Parameters.Download());
        using var cpuSampler = new ConditionalSampler(cpuModel);
        using var gpuSampler = new ConditionalSampler(gpuModel);
        var melody = new PianoRoll(6);
        for (int t = 0; t < melody.Steps; t++)
        {
            melody[t, 45 + (2 * t)] = true;
        }

        HeldKeys held = HeldKeys.TopVoice(melody);
        var options = new ConditionalSamplingOptions { Particles = 8, Seed = 3 };

        ConditionalPiece expected = cpuSampler.Generate(held, options), actual = gpuSampler.Generate(held, options);

        Assert.True(expected.Roll.ContentEquals(actual.Roll), "the device drew another piece than the CPU");
        Assert.True(Compare.Close(expected.LogProbability, actual.LogProbability, 0, Relative),
            $"log p(piece) {actual.LogProbability} where the CPU gives {expected.LogProbability}");
        Assert.True(Compare.Close(expected.HeldLogProbability, actual.HeldLogProbability, 0, Relative),
            $"log p(held) {actual.HeldLogProbability} where the CPU gives {expected.HeldLogProbability}");
        Assert.Equal(expected.Resamplings, actual.Resamplings);
    }
}
