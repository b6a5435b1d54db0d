using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Model;

public sealed class CheckpointStreamTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void AStreamLoadsAsTheFileDoes()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8), seed: 2);
        string path = _directory.File("model.rollnet");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);

        using var stream = new MemoryStream(File.ReadAllBytes(path));
        Checkpoint loaded = TrainingCheckpoint.Load(stream, "in memory");

        Checkpoint expected = CheckpointCodec.Load(path);
        Assert.Equal(expected.Config, loaded.Config);
        Assert.Equal(expected.Tensors.Select(t => t.Data.ToArray()), loaded.Tensors.Select(t => t.Data.ToArray()));
    }

    [Fact]
    public void AStreamProblemIsOneLineNamingIt()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());

        var error = Assert.Throws<CheckpointException>(() => CheckpointCodec.Load(stream, "the bundled model"));

        Assert.StartsWith("the bundled model: not a RollNet checkpoint", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
