using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Hostile;

/// <summary>
/// The library's public methods given arguments their documentation rules out: each throws the argument exception
/// that names the argument, where these threw an IndexOutOfRangeException or NullReferenceException from inside.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class MisusedLibraryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(int.MinValue)]
    [InlineData(MidiRollReader.MaxStepsPerQuarter + 1)]
    public void AFolderIsReadOnlyOnAGridAMidiFileCanHold(int stepsPerQuarter)
    {
        MidiRollWriter.Write(_directory.File("a.mid"), PianoRoll.FromPitches([[60], [64]]), stepsPerQuarter: 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MidiFolderReader.Read(_directory.Path, stepsPerQuarter: stepsPerQuarter));
        Assert.Equal("stepsPerQuarter", error.ParamName);
    }

    // 100,000 threads ran the process out of memory.
    [Fact]
    public void ABackendStartsNoMoreThreadsThanItsBound() =>
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => new CpuBackend(CpuBackend.MaxThreads + 1)).ParamName);

    [Fact]
    public void NullWhereAnObjectIsRequiredIsNamed()
    {
        using var backend = new CpuBackend(1);

        Assert.Equal("frames", Assert.Throws<ArgumentNullException>(() => PianoRoll.FromPitches(null!)).ParamName);
        Assert.Equal("config", Assert.Throws<ArgumentNullException>(() => new RollModel(backend, null!, seed: 1)).ParamName);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => new DatasetException("a.mid", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => new CheckpointException(null!, "empty")).ParamName);
    }

    [Fact]
    public void ASetOfRollsWithANullAmongThemIsRefusedNamingWhichOne()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 4), seed: 1);
        using var runner = new InferenceRunner(model);
        PianoRoll roll = PianoRoll.FromPitches([[60], [64], [67]]);

        var error = Assert.Throws<ArgumentException>(() => Evaluation.Measure(runner, [roll, null!, roll], batchSize: 2));
        Assert.Equal("rolls", error.ParamName);
        Assert.StartsWith("roll 1 is null", error.Message, StringComparison.Ordinal);

        // The paper's Figure 1, from the keys' frequencies.
        error = Assert.Throws<ArgumentException>(() => KeyHistogramPlot.Write(_directory.File("keys.png"), [roll, roll, null!]));
        Assert.Equal("rolls", error.ParamName);
        Assert.StartsWith("roll 2 is null", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("keys.png")));
    }

    public void Dispose() => _directory.Dispose();
}
