using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>
/// Checkpoints written by earlier builds read and write the same: the sigmoid model bundled before the NADE head (format
/// version 1, written before the codec and the training binding were apart), and the NADE models bundled now (the
/// chorale model in version 5, the piano model in version 2).
/// </summary>
public sealed class BundledCheckpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<string, string, int> Files { get; } = new()
    {
        { Repository.Path("tests", "RollNet.Tests", "Model", "Fixtures", "jsb-sigmoid-2x256.v1.rollnet"), "sigmoid", 1 },
        { Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"), "nade", 5 },
        { Repository.Path("src", "RollNet.Cli", "Models", "piano.rollnet"), "nade", 2 },
    };

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public void SavingTheLoadedFileWritesItsBytes(string file, string head, int version)
    {
        string path = _directory.File("copy.rollnet");
        Checkpoint loaded = CheckpointCodec.Load(file);

        CheckpointCodec.Save(loaded, path);

        Assert.Equal(head, loaded.Config.Head.Name);
        Assert.Equal(version, File.ReadAllBytes(file)[6]);
        Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(path)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CapturingTheModelItHoldsWritesItsBytes(string file, string head, int version)
    {
        Checkpoint bundled = TrainingCheckpoint.Load(file);
        TrainingState state = TrainingCheckpoint.ReadState(bundled)!;
        using var backend = new CpuBackend(1);
        using RollModel model = bundled.CreateModel(backend);
        string path = _directory.File("captured.rollnet");

        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, state: state), path);

        Assert.Equal(OptimizerKind.Adam, state.Optimizer);
        // Each learnt its dataset on that set's own grid, and kept it when trained further.
        Assert.Equal(DatasetCatalog.Find(state.Stages().Last().Data!)!.StepsPerQuarter, state.StepsPerQuarter);
        Assert.All(state.Stages(), stage => Assert.Equal(state.StepsPerQuarter, stage.StepsPerQuarter));
        Assert.Empty(bundled.OptimizerState);
        Assert.Equal((head, version), (bundled.Config.Head.Name, bundled.Header.FormatVersion));
        Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(path)));
    }
}
