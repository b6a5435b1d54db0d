using RollNet.Model;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>
/// <c>train --init</c>: a new run that starts from a model's weights with a fresh optimizer, keeps the model's shape,
/// head and grid, records what the model learnt before, and refuses what would contradict them; <c>--keep last</c>
/// keeps the last epoch of such a run.
/// </summary>
public sealed class CliInitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ARunStartsFromTheModelsWeightsAsANewRun()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), first = _directory.File("first"), second = _directory.File("second");
        CliResult train = Cli.Run("train", "--data", data, "--layers", "1", "--hidden", "8", "--head", "nade", "--nade-hidden",
            "6", "--dropout", "0.2", "--epochs", "2", "--batch", "2", "--threads", "1", "--out", first);
        Assert.True(train.ExitCode == 0, train.ToString());
        string model = Path.Combine(first, "best.rollnet");

        // A learning rate so small that no weight can move: the run's weights are the model's.
        CliResult init = Cli.Run("train", "--data", data, "--init", model, "--dropout", "0", "--lr", "1e-30", "--epochs", "1",
            "--batch", "2", "--threads", "1", "--out", second);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains($"starting from {model}", init.Output, StringComparison.Ordinal);
        Checkpoint start = TrainingCheckpoint.Load(model), end = TrainingCheckpoint.Load(Path.Combine(second, "last.rollnet"));
        Assert.Equal(start.Config with { Dropout = 0 }, end.Config);
        Assert.Equal(1, TrainingCheckpoint.ReadState(end)!.Epoch);
        float[] before = start.ParameterValues(), after = end.ParameterValues();
        Assert.Equal(before.Length, after.Length);
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First, pair.Second, 1e-12f));
    }

    [Fact]
    public void ARunTrainingAModelFurtherCanKeepItsLastEpochAndRecordsWhatTheModelLearnt()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), first = _directory.File("first"), second = _directory.File("second");
        CliResult train = Cli.Run("train", "--data", data, "--layers", "1", "--hidden", "8", "--head", "nade", "--nade-hidden",
            "6", "--epochs", "1", "--batch", "2", "--threads", "1", "--out", first);
        Assert.True(train.ExitCode == 0, train.ToString());

        CliResult further = Cli.Run("train", "--data", data, "--init", Path.Combine(first, "best.rollnet"), "--keep", "last",
            "--epochs", "3", "--batch", "2", "--threads", "1", "--out", second);

        Assert.True(further.ExitCode == 0, further.ToString());
        Assert.Contains($"done after epoch 3: last epoch 3, valid loss ", further.Output, StringComparison.Ordinal);
        TrainingState kept = TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(Path.Combine(second, "best.rollnet")))!;
        Assert.Equal(3, kept.Epoch);
        Assert.Equal(TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(Path.Combine(first, "best.rollnet"))), kept.StartedFrom);
        Cli.AssertOneLineError(["train", "--data", data, "--keep", "first", "--out", _directory.File("third")], "--keep must be valid or last");
    }

    [Fact]
    public void AModelKeepsItsGridWhereTheMusicDoesNotSayIt()
    {
        string run = _directory.File("run");

        CliResult init = Cli.Run("train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--init", "piano", "--epochs", "1",
            "--batch", "2", "--threads", "1", "--out", run);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(2, TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(Path.Combine(run, "last.rollnet")))!.StepsPerQuarter);
    }

    [Fact]
    public void WhatWouldContradictTheModelIsRefusedInOneLine()
    {
        string run = _directory.File("run"), folder = SharedDatasets.Folder;
        Cli.AssertOneLineError(["train", "--data", "jsb", "--init", "chorales", "--hidden", "16", "--out", run],
            "--hidden cannot be given with --init: the model to start from has its own");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--init", "chorales", "--nade-hidden", "16", "--out", run],
            "--nade-hidden cannot be given with --init");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--init", "chorales", "--resume", "--out", run],
            "--init starts a new run from a model; --resume continues the run in --out");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--init", _directory.File("missing.rollnet"), "--out", run],
            "missing.rollnet: no such file");

        // The JSB Chorales are known to be at a quarter note a step; the piano model learnt eighth notes.
        Cli.AssertOneLineError(["train", "--data", "jsb", "--data-dir", folder, "--init", "piano", "--out", run],
            "--init piano learnt 2 steps a quarter note and jsb has 1");
        Assert.False(Directory.Exists(run));
    }
}
