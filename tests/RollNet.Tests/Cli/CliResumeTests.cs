using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Training;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>
/// <c>train --resume</c>: the run goes on with the model, seed and settings it began with, whatever the command line
/// leaves out, for as many epochs as it was last given unless told more; an option given must agree with the run.
/// </summary>
public sealed class CliResumeTests : IDisposable
{
    private static readonly string[] Settings =
    [
        "--hidden", "8", "--dropout", "0.2", "--batch", "2", "--bptt", "4", "--max-steps", "12", "--lr", "0.005", "--clip",
        "1", "--transpose", "3", "--lr-decay", "0.5", "--lr-patience", "1", "--patience", "0", "--seed", "7", "--keep", "last",
        "--threads", "1",
    ];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ARunResumedWithNothingButItsFolderGoesOnAsItBegan()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), straight = _directory.File("straight"), resumed = _directory.File("resumed");
        Assert.Equal(0, Cli.Run(["train", "--data", data, "--epochs", "3", .. Settings, "--out", straight]).ExitCode);
        Assert.Equal(0, Cli.Run(["train", "--data", data, "--epochs", "1", .. Settings, "--out", resumed]).ExitCode);

        // More epochs than the run was given, and nothing else.
        CliResult longer = Cli.Run("train", "--data", data, "--out", resumed, "--resume", "--epochs", "2");
        Assert.True(longer.ExitCode == 0, longer.ToString());
        Assert.Contains("resuming after epoch 1 of 2", longer.Output, StringComparison.Ordinal);

        // The run remembers the epochs it was last given, and the command that began it may be given again.
        Assert.Equal(0, Cli.Run("train", "--data", data, "--out", resumed, "--resume").ExitCode);
        Assert.Equal(2, State(resumed).Epoch);
        CliResult again = Cli.Run(["train", "--data", data, "--epochs", "3", .. Settings, "--out", resumed, "--resume"]);
        Assert.True(again.ExitCode == 0, again.ToString());

        Assert.Equal(State(straight), State(resumed));
        Assert.Equal(SavedRun.LastTensors(straight), SavedRun.LastTensors(resumed));
    }

    [Theory]
    [InlineData("--batch", "3", "--batch 3: the run in {0} has 2, and a resumed run keeps its settings")]
    [InlineData("--lr", "0.001", "--lr 0.001: the run in {0} has 0.005")]
    [InlineData("--seed", "1", "--seed 1: the run in {0} has 7")]
    [InlineData("--keep", "valid", "--keep valid: the run in {0} has last")]
    [InlineData("--hidden", "16", "--hidden 16: the run in {0} has 8")]
    [InlineData("--head", "nade", "--head nade: the run in {0} has sigmoid")]
    [InlineData("--optimizer", "sgd", "--optimizer sgd: the run in {0} has adam")]
    public void AnOptionThatDisagreesWithTheRunIsRefused(string option, string value, string expected)
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), run = _directory.File("run");
        Assert.Equal(0, Cli.Run(["train", "--data", data, "--epochs", "1", .. Settings, "--out", run]).ExitCode);
        byte[] before = File.ReadAllBytes(Path.Combine(run, "last.rollnet"));

        Cli.AssertOneLineError(["train", "--data", data, "--out", run, "--resume", "--epochs", "2", option, value],
            string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, run));

        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "last.rollnet")));
    }

    [Fact]
    public void AHeadSettingThatDisagreesWithTheRunsHeadIsRefusedAndItsOwnIsNot()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), run = _directory.File("run");
        string[] nade = ["--head", "nade", "--nade-hidden", "6", "--hidden", "8", "--batch", "2", "--threads", "1"];
        Assert.Equal(0, Cli.Run(["train", "--data", data, "--epochs", "1", .. nade, "--out", run]).ExitCode);

        Cli.AssertOneLineError(["train", "--data", data, "--out", run, "--resume", "--nade-hidden", "5"],
            $"--nade-hidden: the run in {run} has another nade head, and a resumed run keeps its model");
        CliResult same = Cli.Run(["train", "--data", data, "--epochs", "2", .. nade, "--out", run, "--resume"]);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Equal(2, State(run).Epoch);
    }

    private static TrainingState State(string folder) => SavedRun.State(Path.Combine(folder, TrainingRun.LastFileName));
}
