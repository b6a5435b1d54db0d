using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary><c>model.Save(path)</c> and <c>RollModel.Load(path, backend)</c>: the one-call door to a model file.</summary>
public sealed class ModelSaveLoadTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CpuBackend _backend = new(1);

    public void Dispose()
    {
        _backend.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void ALoadedModelPredictsBitForBitAsTheSavedOne(string head)
    {
        var config = new ModelConfig(Layers: 2, HiddenSize: 8, Dropout: 0.5f, Head: TestHeads.Small(head, 5));
        using var model = new RollModel(_backend, config, seed: 6);
        string path = _directory.File("model.rollnet");

        model.Save(path);
        using RollModel loaded = RollModel.Load(path, _backend);

        Assert.Equal(config, loaded.Config);
        Assert.Equal(model.Parameters.Download(), loaded.Parameters.Download());
        SequenceBatch batch = SequenceBatch.FromRolls([Roll(9, 0), Roll(5, 3)]);
        using var runner = new InferenceRunner(model);
        using var loadedRunner = new InferenceRunner(loaded);
        Assert.Equal(runner.Evaluate(batch), loadedRunner.Evaluate(batch));
        Assert.Equal(runner.LogOdds().ToArray(), loadedRunner.LogOdds().ToArray());
        Assert.Equal(["model.rollnet"], _directory.Listing());
    }

    [Fact]
    public void TheSavedFileIsAModelCheckpointWithoutTrainingState()
    {
        using var model = new RollModel(_backend, new ModelConfig(Layers: 1, HiddenSize: 4), seed: 1);
        string path = _directory.File("model.rollnet");

        model.Save(path);
        Checkpoint checkpoint = CheckpointCodec.Load(path);

        Assert.Null(checkpoint.Header.Training);
        Assert.Empty(checkpoint.OptimizerState);
    }

    [Fact]
    public void LoadingSomethingThatIsNotAModelNamesTheFile()
    {
        string path = _directory.File("song.rollnet");
        File.WriteAllText(path, "not a model");

        CheckpointException e = Assert.Throws<CheckpointException>(() => RollModel.Load(path, _backend));

        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Throws<CheckpointException>(() => RollModel.Load(_directory.File("missing.rollnet"), _backend));
    }

    private static PianoRoll Roll(int steps, int shift)
    {
        var roll = new PianoRoll(steps);
        for (int t = 0; t < steps; t++)
        {
            roll[t, (t * 7 + shift) % ModelConfig.PianoKeys] = true;
        }

        return roll;
    }
}
