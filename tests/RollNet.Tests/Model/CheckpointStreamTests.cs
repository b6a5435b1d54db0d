using RollNet.Compute;
using RollNet.Model;
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
        Checkpoint.FromModel(model).Save(path);

        using var stream = new MemoryStream(File.ReadAllBytes(path));
        Checkpoint loaded = Checkpoint.Load(stream, "in memory");

        Checkpoint expected = Checkpoint.Load(path);
        Assert.Equal(expected.Config, loaded.Config);
        Assert.Equal(expected.Tensors.Select(t => t.Data), loaded.Tensors.Select(t => t.Data));
    }

    [Fact]
    public void AStreamProblemIsOneLineNamingIt()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(stream, "the bundled model"));

        Assert.StartsWith("the bundled model: not a RollNet checkpoint", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
