using RollNet.Model;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Packaging;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>
/// The script that re-creates the bundled chorale model runs its three stages end to end at a toy size: the model
/// learns the chorales, then twice learns from its own continuations of them, and the last model records all three.
/// </summary>
public sealed class ChoralesRecipeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TheQuickRecipeTrainsTheModelFurtherTwiceOnItsOwnContinuations()
    {
        string script = Repository.Path("src", "RollNet.Cli", "Models", "chorales.sh");

        CliResult run = ChildProcess.Run("bash", [script, "--quick", "--no-build", "--out", _directory.Path], Repository.Root,
            new Dictionary<string, string> { [SharedDatasets.Variable] = Path.GetDirectoryName(SharedDatasets.Folder)! },
            TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.ToString());
        string model = Path.Combine(_directory.Path, "own-2", "best.rollnet");
        Assert.EndsWith($"  {model}\n", run.Output, StringComparison.Ordinal);
        // Five chorales continued twice each, in each round.
        Assert.All(new[] { "own-chorales-1", "own-chorales-2" },
            music => Assert.Equal(10, Directory.GetFiles(Path.Combine(_directory.Path, music), "*.mid").Length));
        TrainingState state = TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(model))!;
        Assert.Equal(["own-chorales-2", "own-chorales-1", "jsb"], state.Stages().Select(stage => stage.Data));
        Assert.All(state.Stages(), stage => Assert.Equal(1, stage.StepsPerQuarter));
        Assert.Equal(TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(Path.Combine(_directory.Path, "own-1", "best.rollnet"))),
            state.StartedFrom);
    }
}
