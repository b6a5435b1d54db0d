using RollNet.Compute;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>The bundled model, written before the codec and the training binding were apart, still reads and writes the same.</summary>
public sealed class BundledCheckpointTests : IDisposable
{
    private static readonly string Bundled = Repository.Path("src", "RollNet.Cli", "Models", "default.rollnet");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SavingTheLoadedFileWritesItsBytes()
    {
        string path = _directory.File("copy.rollnet");

        CheckpointCodec.Save(CheckpointCodec.Load(Bundled), path);

        Assert.True(File.ReadAllBytes(Bundled).AsSpan().SequenceEqual(File.ReadAllBytes(path)));
    }

    [Fact]
    public void CapturingTheModelItHoldsWritesItsBytes()
    {
        Checkpoint bundled = TrainingCheckpoint.Load(Bundled);
        TrainingState state = TrainingCheckpoint.ReadState(bundled)!;
        using var backend = new CpuBackend(1);
        using RollModel model = bundled.CreateModel(backend);
        string path = _directory.File("captured.rollnet");

        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, state: state), path);

        Assert.Equal(OptimizerKind.Adam, state.Optimizer);
        Assert.Equal(1, state.StepsPerQuarter);
        Assert.Equal("jsb", state.Data);
        Assert.Empty(bundled.OptimizerState);
        Assert.True(File.ReadAllBytes(Bundled).AsSpan().SequenceEqual(File.ReadAllBytes(path)));
    }
}
