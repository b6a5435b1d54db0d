using System.Text.RegularExpressions;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Model;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;
using static RollNet.Tests.Training.SavedRun;

namespace RollNet.Tests.Training;

public sealed class TrainingRunTests : IDisposable
{
    private static readonly PianoRollDataset Data = new("synthetic", "memory", Synthetic.Rolls(8, 12), Synthetic.Rolls(3, 10), []);

    private static readonly TrainingRunOptions Options = new()
    {
        Model = new ModelConfig(Layers: 2, HiddenSize: 8, Dropout: 0.2f),
        Trainer = new TrainerOptions { LearningRate = 0.01f, BpttSteps = 4, Seed = 3 },
        Epochs = 2,
        BatchSize = 3,
        Patience = 0,
    };

    private readonly TempDirectory _directory = new();

    [Fact]
    public void ARunWritesCheckpointsAndMetrics()
    {
        using var backend = new CpuBackend(1);
        var run = new TrainingRun(backend, Data, _directory.Path, Options);
        var batches = new List<BatchProgress>();
        run.BatchCompleted += batches.Add;

        TrainingRunResult result = run.Run();

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.State.Epoch);
        Assert.Equal(["best.rollnet", "last.rollnet", "metrics.csv"], _directory.Listing());
        Assert.Equal(6, batches.Count);
        Assert.Equal(new BatchProgress(2, 3, 3, batches[^1].TrainLoss), batches[^1]);
        string[] csv = File.ReadAllLines(_directory.File("metrics.csv"));
        Assert.Equal("epoch,train_loss,valid_loss,valid_strict_accuracy,valid_bay_accuracy,seconds", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("2,", csv[2], StringComparison.Ordinal);
        TrainingState best = State(_directory.File("best.rollnet"));
        Assert.Equal(result.Best!.ValidLoss, best.BestValidationLoss);
        Assert.Equal(result.Best.Epoch, best.Epoch);
        Assert.Throws<IOException>(() => new TrainingRun(backend, Data, _directory.Path, Options).Run());
    }

    [Fact]
    public void EachEpochHandsOnTheHistoryOnceMetricsCsvHoldsIt()
    {
        using var backend = new CpuBackend(1);
        var run = new TrainingRun(backend, Data, _directory.Path, Options);
        var seen = new List<(int Records, int CsvRows, bool LastWritten)>();
        run.MetricsWritten += history => seen.Add(
            (history.Count, File.ReadAllLines(_directory.File("metrics.csv")).Length - 1, File.Exists(_directory.File("last.rollnet"))));

        TrainingRunResult result = run.Run();

        // Between metrics.csv and the checkpoints, where the curves were always drawn: epoch 1 has no last.rollnet yet.
        Assert.Equal([(1, 1, false), (2, 2, true)], seen);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void CheckpointsRecordTheDataTrainedOnAndItsGrid()
    {
        using var backend = new CpuBackend(1);
        var quarters = new PianoRollDataset("chorales", "memory", Data.Train, Data.Valid, [], stepsPerQuarter: 1);

        new TrainingRun(backend, quarters, _directory.Path, Options with { Epochs = 1 }).Run();

        TrainingState saved = State(_directory.File("last.rollnet"));
        Assert.Equal("chorales", saved.Data);
        Assert.Equal(1, saved.StepsPerQuarter);
        Assert.Equal(saved, State(_directory.File("best.rollnet")) with { });
    }

    [Fact]
    public void ARunStartedFromAModelRecordsWhereThatModelStood()
    {
        using var backend = new CpuBackend(1);
        var chorales = new PianoRollDataset("chorales", "memory", Data.Train, Data.Valid, [], stepsPerQuarter: 1);
        var mine = new PianoRollDataset("mine", "memory", Data.Valid, Data.Train, []);
        new TrainingRun(backend, chorales, Folder("first"), Options with { Epochs = 1 }).Run();
        Checkpoint first = TrainingCheckpoint.Load(Path.Combine(Folder("first"), "best.rollnet"));
        new TrainingRun(backend, mine, Folder("second"), Options with { StartFrom = first }).Run();
        Checkpoint second = TrainingCheckpoint.Load(Path.Combine(Folder("second"), "best.rollnet"));

        new TrainingRun(backend, mine, Folder("third"), Options with { StartFrom = second }).Run();

        TrainingState third = State(Path.Combine(Folder("third"), "last.rollnet"));
        Assert.Equal("mine", third.Data);
        // The grid the music does not say is the grid the first model learnt.
        Assert.Equal(1, third.StepsPerQuarter);
        Assert.Equal(TrainingCheckpoint.ReadState(second), third.StartedFrom);
        Assert.Equal(TrainingCheckpoint.ReadState(first), third.StartedFrom!.StartedFrom);
        Assert.Equal(["mine", "mine", "chorales"], third.Stages().Select(stage => stage.Data));
        Assert.Null(TrainingCheckpoint.ReadState(first)!.StartedFrom);
    }

    [Fact]
    public void AModelTrainedInAsManyRunsAsACheckpointRecordsIsRefusedAsAStartAndOneFewerIsNot()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, Options.Model, seed: 1);
        var state = new TrainingState { Epoch = 1, Updates = 1, Seed = 1, Optimizer = OptimizerKind.Adam, LearningRate = 0.01f };
        for (int runs = 1; runs < TrainingRunOptions.MaxRecordedRuns - 1; runs++)
        {
            state = state with { StartedFrom = state };
        }

        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, state: state), _directory.File("fewer.rollnet"));
        Checkpoint fewer = TrainingCheckpoint.Load(_directory.File("fewer.rollnet"));
        new TrainingRun(backend, Data, Folder("run"), Options with { Epochs = 1, StartFrom = fewer }).Run();
        Checkpoint most = TrainingCheckpoint.Load(Path.Combine(Folder("run"), "last.rollnet"));

        Assert.Equal(TrainingRunOptions.MaxRecordedRuns, TrainingCheckpoint.ReadState(most)!.Stages().Count());
        ArgumentException refused = Assert.Throws<ArgumentException>(() => (Options with { StartFrom = most }).Validate());
        Assert.Contains($"records {TrainingRunOptions.MaxRecordedRuns} training runs", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunKeepingTheLastEpochKeepsItWhateverItsValidationLoss()
    {
        using var backend = new CpuBackend(1);
        // A rate this high makes the validation loss jump about, so that the last epoch is not the best.
        TrainingRunOptions options = Options with
        {
            Trainer = Options.Trainer with { LearningRate = 0.2f }, Epochs = 8, Keep = KeptModel.LastEpoch,
        };

        TrainingRunResult result = new TrainingRun(backend, Data, _directory.Path, options).Run();

        Assert.True(result.Best!.Epoch < 8, $"epoch {result.Best.Epoch} of 8 had the lowest validation loss");
        Assert.Equal(8, result.Kept!.Epoch);
        Checkpoint kept = TrainingCheckpoint.Load(_directory.File("best.rollnet")), last = TrainingCheckpoint.Load(_directory.File("last.rollnet"));
        Assert.Equal(8, TrainingCheckpoint.ReadState(kept)!.Epoch);
        Assert.Equal(last.ParameterValues(), kept.ParameterValues());
        Assert.Empty(kept.OptimizerState);
    }

    [Fact]
    public void TheLearningRateDecaysAfterEachRunOfEpochsWithoutImprovement()
    {
        using var backend = new CpuBackend(1);
        // A rate this high makes the validation loss jump about, so some epochs improve and some do not.
        TrainingRunOptions options = Options with
        {
            Trainer = Options.Trainer with { LearningRate = 0.2f },
            Epochs = 12,
            LearningRateDecay = 0.5f,
            DecayPatience = 2,
        };

        TrainingRunResult result = new TrainingRun(backend, Data, _directory.Path, options).Run();

        float expected = 0.2f;
        double best = double.PositiveInfinity;
        int stale = 0;
        foreach (EpochRecord epoch in result.History)
        {
            stale = epoch.ValidLoss < best ? 0 : stale + 1;
            best = Math.Min(best, epoch.ValidLoss);
            expected *= stale > 0 && stale % 2 == 0 ? 0.5f : 1f;
        }

        Assert.True(expected < 0.2f, "the run should have had two epochs in a row without improvement");
        Assert.Equal(expected, result.State.LearningRate);
        Assert.Equal(expected, State(_directory.File("last.rollnet")).LearningRate);
    }

    [Theory]
    [InlineData(OutputBiasStart.Frequencies)]
    [InlineData(OutputBiasStart.Zero)]
    public void ANewModelsOutputBiasesStartWhereTheOptionsSay(OutputBiasStart start)
    {
        using var backend = new CpuBackend(1);
        // A learning rate this small leaves every parameter within a hair of where it started.
        TrainingRunOptions options = Options with { Trainer = Options.Trainer with { LearningRate = 1e-9f }, Epochs = 1, OutputBias = start };

        new TrainingRun(backend, Data, _directory.Path, options).Run();

        float[] bias = CheckpointCodec.Load(_directory.File("last.rollnet")).Tensors.Single(t => t.Name == "out.b").Data.ToArray();
        double[] p = KeyFrequencies.Of(Data.Train).Probabilities();
        for (int k = 0; k < bias.Length; k++)
        {
            double expected = start == OutputBiasStart.Zero ? 0 : Math.Log(p[k] / (1 - p[k]));
            Assert.Equal(expected, bias[k], 4);
        }

        Assert.Contains(p, q => q > 0.2);
    }

    [Fact]
    public void AResumedRunReachesExactlyTheParametersOfAnUninterruptedOne()
    {
        string straight = Folder("straight"), resumed = Folder("resumed");
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, straight, Options).Run();

        StopAfterTheFirstEpoch(backend, Options, resumed);
        TrainingRunResult result = new TrainingRun(backend, Data, resumed, Options).Run(resume: true);

        Assert.Equal(2, result.History.Count);
        AssertSameCheckpoints(straight, resumed);
    }

    [Fact]
    public void AResumedRunTrainsWithTheSettingsItBeganWithWhateverItIsGiven()
    {
        string straight = Folder("straight"), resumed = Folder("resumed");
        using var backend = new CpuBackend(1);
        TrainingRunOptions options = Options with
        {
            Trainer = Options.Trainer with { ClipNorm = 0.5f },
            MaxSteps = 8,
            Transpose = 2,
            LearningRateDecay = 0.5f,
            DecayPatience = 1,
            Keep = KeptModel.LastEpoch,
        };
        new TrainingRun(backend, Data, straight, options).Run();
        StopAfterTheFirstEpoch(backend, options, resumed);

        // Every setting but the epochs and the patience at its default, the seed and the optimizer too.
        new TrainingRun(backend, Data, resumed, new TrainingRunOptions { Epochs = 2, Patience = 0 }).Run(resume: true);

        AssertSameCheckpoints(straight, resumed);
        Assert.Equal(options.Settings, State(Path.Combine(resumed, "last.rollnet")).Settings);
    }

    [Fact]
    public void ARunGivenMoreEpochsGoesOnAndRecordsThem()
    {
        string straight = Folder("straight"), longer = Folder("longer");
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, straight, Options).Run();
        new TrainingRun(backend, Data, longer, Options with { Epochs = 1 }).Run();
        Assert.Equal(Options.Settings with { Epochs = 1 }, State(Path.Combine(longer, "last.rollnet")).Settings);

        TrainingRunResult result = new TrainingRun(backend, Data, longer, Options with { Epochs = 2, Patience = 3 }).Run(resume: true);

        Assert.Equal(2, result.State.Epoch);
        Assert.Equal(Options.Settings with { Patience = 3 }, State(Path.Combine(longer, "last.rollnet")).Settings);
        Assert.Equal(LastTensors(straight), LastTensors(longer));
    }

    [Fact]
    public void ARunResumesOnItsOwnPiecesUnderAnyNameAndNotOnOthers()
    {
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, _directory.Path, Options with { Epochs = 1 }).Run();
        var fewer = new PianoRollDataset("synthetic", "memory", [.. Data.Train.Skip(1)], Data.Valid, []);
        var changed = new PianoRollDataset("synthetic", "memory", Data.Valid, Data.Train, []);

        foreach (PianoRollDataset other in new[] { fewer, changed })
        {
            var error = Assert.Throws<ArgumentException>(() => new TrainingRun(backend, other, _directory.Path, Options).Run(resume: true));
            Assert.Contains("cannot resume: synthetic's train and valid pieces are not those the run learnt from", error.Message,
                StringComparison.Ordinal);
        }

        var renamed = new PianoRollDataset("renamed", "elsewhere", [.. Data.Train], [.. Data.Valid], [new PianoRoll(3)]);
        Assert.Equal(2, new TrainingRun(backend, renamed, _directory.Path, Options).Run(resume: true).State.Epoch);
    }

    [Fact]
    public void ACheckpointWithoutSettingsOrFingerprintResumesWithThoseGivenAndRecordsThem()
    {
        string straight = Folder("straight"), resumed = Folder("resumed");
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, straight, Options).Run();
        StopAfterTheFirstEpoch(backend, Options, resumed);

        // As a checkpoint written before runs recorded their settings and the fingerprint of their pieces.
        string last = Path.Combine(resumed, "last.rollnet");
        byte[] file = File.ReadAllBytes(last);
        string header = CheckpointBytes.Header(file);
        header = Regex.Replace(header, ",\"dataFingerprint\":\"[0-9a-f]*\"", "");
        File.WriteAllBytes(last, CheckpointBytes.WithHeader(file, Regex.Replace(header, ",\"settings\":\\{[^}]*\\}", "")));
        Assert.Null(State(last).Settings);
        Assert.Null(State(last).DataFingerprint);

        new TrainingRun(backend, Data, resumed, Options).Run(resume: true);

        AssertSameCheckpoints(straight, resumed);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void ARunResumedOnMusicOfAnotherGridOrVoicingIsRefused(int grid, bool topVoice)
    {
        using var backend = new CpuBackend(1);
        var quarters = new PianoRollDataset("chorales", "memory", Data.Train, Data.Valid, [], stepsPerQuarter: 1);
        new TrainingRun(backend, quarters, _directory.Path, Options with { Epochs = 1 }).Run();
        var other = new PianoRollDataset("other", "memory", Data.Train, Data.Valid, [], stepsPerQuarter: grid);

        var error = Assert.Throws<ArgumentException>(() =>
            new TrainingRun(backend, topVoice ? other.TopVoice() : other, _directory.Path, Options).Run(resume: true));

        Assert.Contains("cannot resume: the run learnt ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("a resumed run goes on with the music it began on", error.Message, StringComparison.Ordinal);
        new TrainingRun(backend, quarters, _directory.Path, Options).Run(resume: true);
    }

    [Fact]
    public void ATransposedRunResumesExactlyAndLearnsFromOtherMusic()
    {
        string straight = Folder("straight"), resumed = Folder("resumed"), plain = Folder("plain");
        using var backend = new CpuBackend(1);
        TrainingRunOptions transposed = Options with { Transpose = 5 };
        new TrainingRun(backend, Data, straight, transposed).Run();

        StopAfterTheFirstEpoch(backend, transposed, resumed);
        new TrainingRun(backend, Data, resumed, transposed).Run(resume: true);
        new TrainingRun(backend, Data, plain, Options).Run();

        AssertSameCheckpoints(straight, resumed);
        Assert.NotEqual(LastTensors(plain)[0], LastTensors(straight)[0]);
        Assert.Throws<ArgumentException>(() => new TrainingRun(backend, Data, plain, Options with { Transpose = 88 }));
    }

    [Fact]
    public void CancellingSavesAfterTheCurrentBatchAndResumingFinishesTheSameRun()
    {
        string straight = Folder("straight"), cancelled = Folder("cancelled");
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, straight, Options).Run();
        using var cancellation = new CancellationTokenSource();
        var run = new TrainingRun(backend, Data, cancelled, Options);
        run.BatchCompleted += progress =>
        {
            if (progress is { Epoch: 1, Batch: 2 })
            {
                cancellation.Cancel();
            }
        };

        TrainingRunResult stopped = run.Run(cancellationToken: cancellation.Token);

        Assert.Equal(TrainingOutcome.Cancelled, stopped.Outcome);
        Assert.Equal(2, State(Path.Combine(cancelled, "last.rollnet")).EpochBatches);
        new TrainingRun(backend, Data, cancelled, Options).Run(resume: true);
        AssertSameCheckpoints(straight, cancelled);
        MetricsAssert.SameRecords(Path.Combine(straight, "metrics.csv"), Path.Combine(cancelled, "metrics.csv"));
    }

    [Fact]
    public void EarlyStoppingEndsTheRunWhenValidationStopsImproving()
    {
        using var backend = new CpuBackend(1);

        // A learning rate this small cannot lower the validation loss by a whole float step twice in a row.
        TrainingRunResult result = new TrainingRun(backend, Data, _directory.Path, Options with
        {
            Trainer = Options.Trainer with { LearningRate = 1e-30f }, Epochs = 10, Patience = 1,
        }).Run();

        Assert.Equal(TrainingOutcome.EarlyStopped, result.Outcome);
        Assert.True(result.State.Epoch < 10);
    }

    [Fact]
    public void ANonFiniteLossStopsTheRunAndKeepsOnlyGoodCheckpoints()
    {
        using var backend = new CpuBackend(1);

        // Steps this large overflow some weight to infinity at once, so the next loss is NaN.
        TrainingRunResult result = new TrainingRun(backend, Data, _directory.Path, Options with
        {
            Trainer = Options.Trainer with { Optimizer = OptimizerKind.Sgd, LearningRate = float.MaxValue, ClipNorm = 0 },
            Epochs = 5,
        }).Run();

        Assert.Equal(TrainingOutcome.NonFiniteLoss, result.Outcome);
        Assert.Contains("became", result.Problem, StringComparison.Ordinal);
        Assert.Equal(result.History.Count, result.State.Epoch);
        if (result.State.Epoch > 0)
        {
            Assert.Equal(result.State.Epoch, State(_directory.File("last.rollnet")).Epoch);
        }
    }

    // A second run in the folder, fresh or resumed, trained beside the first, each writing over the other's files, and
    // removed the other's half-written files as leftovers of a killed run.
    [Fact]
    public void ASecondRunIsRefusedWhileTheFolderIsTrainedInAndWelcomeOnceTheFirstEnds()
    {
        using var backend = new CpuBackend(1);
        var first = new TrainingRun(backend, Data, _directory.Path, Options with { Epochs = 2 });
        var refusals = new List<string>();
        first.EpochCompleted += (record, _) =>
        {
            if (record.Epoch == 1)
            {
                foreach (bool resume in new[] { true, false })
                {
                    refusals.Add(Assert.Throws<IOException>(() => new TrainingRun(backend, Data, _directory.Path, Options).Run(resume)).Message);
                }
            }
        };

        Assert.Equal(TrainingOutcome.Completed, first.Run().Outcome);

        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, message => Assert.Equal(
            $"{_directory.Path}: another run is training in this folder (run.lock); wait for it to end, or train in another folder", message));
        Assert.Equal(["best.rollnet", "last.rollnet", "metrics.csv"], _directory.Listing());
        Assert.Equal(3, new TrainingRun(backend, Data, _directory.Path, Options with { Epochs = 3 }).Run(resume: true).State.Epoch);
    }

    // Adam moves each weight by about the learning rate an update, so at 1e9 the first update carries the weights past
    // what a checkpoint holds while the saturated gates keep the loss finite.
    [Fact]
    public void AModelGrownBeyondWhatACheckpointHoldsStopsTheRunAndLeavesTheFilesOfItsLastGoodEpoch()
    {
        using var backend = new CpuBackend(1);
        StopAfterTheFirstEpoch(backend, Options, _directory.Path);
        string last = _directory.File("last.rollnet");
        byte[] good = File.ReadAllBytes(last);
        string header = CheckpointBytes.Header(good);
        Assert.Contains("\"learningRate\":0.01,", header, StringComparison.Ordinal);
        File.WriteAllBytes(last, CheckpointBytes.WithHeader(good, header.Replace("\"learningRate\":0.01,", "\"learningRate\":1E9,", StringComparison.Ordinal)));
        Dictionary<string, byte[]> before = Directory.GetFiles(_directory.Path).ToDictionary(f => f, File.ReadAllBytes);

        TrainingRunResult result = new TrainingRun(backend, Data, _directory.Path, Options).Run(resume: true);

        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        Assert.StartsWith("the model diverged by update ", result.Problem, StringComparison.Ordinal);
        Assert.Contains("beyond the ±1,000,000", result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, result.State.Epoch);
        Assert.Single(result.History);
        Assert.Equal(before, Directory.GetFiles(_directory.Path).ToDictionary(f => f, File.ReadAllBytes));
    }

    [Fact]
    public void AModelGrownBeyondWhatACheckpointHoldsIsNotSavedWhenTheRunIsCancelled()
    {
        using var backend = new CpuBackend(1);
        using var cancellation = new CancellationTokenSource();
        var run = new TrainingRun(backend, Data, _directory.Path, Options with
        {
            Trainer = Options.Trainer with { LearningRate = 1e9f },
        });
        run.BatchCompleted += _ => cancellation.Cancel();

        TrainingRunResult result = run.Run(cancellationToken: cancellation.Token);

        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        Assert.Matches("^the model diverged by update [0-9]+: parameter ", result.Problem);
        Assert.Equal(0, result.State.Epoch);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void AtSizesThatSplitEveryOperationARunWritesTheSameBytesOnAnyThreadCount(string head)
    {
        // Batches of 16 sequences of 64 steps on 2×64 units, and a validation split of 8×64 frames: the losses,
        // the gradient norm and the validation metrics are all past the size at which the CPU backend shares work
        // among its threads; the clip norm is small enough that every update scales by the gradient norm.
        var data = new PianoRollDataset("synthetic", "memory", Synthetic.Rolls(32, 65), Synthetic.Rolls(8, 65), []);
        TrainingRunOptions options = Options with
        {
            Model = new ModelConfig(Layers: 2, HiddenSize: 64, Dropout: 0.3f, Head: TestHeads.Small(head, 10)),
            Trainer = new TrainerOptions { LearningRate = 0.01f, ClipNorm = 0.01f, Seed = 5 },
            BatchSize = 16,
        };
        string Train(int threads)
        {
            using var backend = new CpuBackend(threads);
            string folder = Folder($"threads-{threads}");
            new TrainingRun(backend, data, folder, options).Run();
            return folder;
        }

        string one = Train(1);
        foreach (int threads in new[] { 2, 3 })
        {
            string other = Train(threads);
            foreach (string name in new[] { "best.rollnet", "last.rollnet" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(one, name)), File.ReadAllBytes(Path.Combine(other, name)));
            }

            MetricsAssert.SameRecords(Path.Combine(one, "metrics.csv"), Path.Combine(other, "metrics.csv"));
        }
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ARunRemovesWhatKilledRunsLeftOfTheirWrites()
    {
        using var backend = new CpuBackend(1);
        new TrainingRun(backend, Data, _directory.Path, Options with { Epochs = 1 }).Run();
        string[] clean = _directory.Listing();
        foreach (string name in new[] { "best.rollnet", "last.rollnet", "metrics.csv" })
        {
            File.WriteAllText(_directory.File($"{name}.tmp-00112233aabbccdd"), "half a file");
        }

        new TrainingRun(backend, Data, _directory.Path, Options with { Epochs = 2 }).Run(resume: true);

        Assert.Equal(clean, _directory.Listing());
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ABestCheckpointThatCannotBeWrittenTakesItsEpochOutOfMetricsCsv()
    {
        // A folder where best.rollnet should go: renaming the finished file over it fails, as a full disk would.
        Directory.CreateDirectory(_directory.File("best.rollnet"));
        using var backend = new CpuBackend(1);

        Assert.ThrowsAny<IOException>(() => new TrainingRun(backend, Data, _directory.Path, Options).Run());

        Assert.Empty(MetricsCsv.Read(_directory.File("metrics.csv")));
        Assert.False(File.Exists(_directory.File("last.rollnet")));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp-*"));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ALastCheckpointThatCannotBeWrittenLeavesBestRollnetAndMetricsCsvAgreeing()
    {
        Directory.CreateDirectory(_directory.File("last.rollnet"));
        using var backend = new CpuBackend(1);

        Assert.ThrowsAny<IOException>(() => new TrainingRun(backend, Data, _directory.Path, Options).Run());

        // The first epoch always improves, so best.rollnet holds it; its record must stay.
        TrainingState best = State(_directory.File("best.rollnet"));
        EpochRecord record = Assert.Single(MetricsCsv.Read(_directory.File("metrics.csv")));
        Assert.Equal((best.Epoch, best.BestValidationLoss), (record.Epoch, record.ValidLoss));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp-*"));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void AFolderInPlaceOfMetricsCsvIsRefusedBeforeTraining()
    {
        Directory.CreateDirectory(_directory.File("metrics.csv"));
        using var backend = new CpuBackend(1);
        var batches = 0;
        var run = new TrainingRun(backend, Data, _directory.Path, Options);
        run.BatchCompleted += _ => batches++;

        IOException error = Assert.ThrowsAny<IOException>(() => run.Run());

        Assert.Equal($"{_directory.File("metrics.csv")}: a folder, not a RollNet metrics file", error.Message);
        Assert.Equal(0, batches);
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void AFileInPlaceOfTheOutputFolderIsRefusedByNameAndKept()
    {
        string output = _directory.File("run");
        File.WriteAllText(output, "a file");
        using var backend = new CpuBackend(1);

        IOException error = Assert.ThrowsAny<IOException>(() => new TrainingRun(backend, Data, output, Options).Run());

        Assert.Equal($"{output}: a file, not a folder for the run's checkpoints", error.Message);
        Assert.Equal("a file", File.ReadAllText(output));
    }

    [Fact]
    public void ResumingWithoutACheckpointOrWithoutDataFailsClearly()
    {
        using var backend = new CpuBackend(1);
        var missing = Assert.Throws<CheckpointException>(() =>
            new TrainingRun(backend, Data, _directory.Path, Options).Run(resume: true));
        Assert.Contains("no checkpoint to resume from", missing.Message, StringComparison.Ordinal);

        var empty = new PianoRollDataset("empty", "empty.pickle", Data.Train, [new PianoRoll(1)], []);
        var error = Assert.Throws<ArgumentException>(() => new TrainingRun(backend, empty, _directory.Path, Options).Run());
        Assert.StartsWith("empty.pickle: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    // Stops a run as Ctrl-C after its first epoch would: before the first batch of the second.
    private static void StopAfterTheFirstEpoch(Backend backend, TrainingRunOptions options, string folder)
    {
        using var cancellation = new CancellationTokenSource();
        var run = new TrainingRun(backend, Data, folder, options);
        run.EpochCompleted += (_, _) => cancellation.Cancel();
        Assert.Equal(TrainingOutcome.Cancelled, run.Run(cancellationToken: cancellation.Token).Outcome);
    }

    private static void AssertSameCheckpoints(string expected, string actual)
    {
        foreach (string name in new[] { "last.rollnet", "best.rollnet" })
        {
            Checkpoint a = TrainingCheckpoint.Load(Path.Combine(expected, name)), b = TrainingCheckpoint.Load(Path.Combine(actual, name));
            Assert.Equal(TrainingCheckpoint.ReadState(a), TrainingCheckpoint.ReadState(b));
            Assert.Equal(a.Tensors.Select(t => t.Name), b.Tensors.Select(t => t.Name));
            for (int i = 0; i < a.Tensors.Count; i++)
            {
                Assert.Equal(a.Tensors[i].Data.ToArray(), b.Tensors[i].Data.ToArray());
            }
        }
    }

    private string Folder(string name) => Path.Combine(_directory.Path, name);
}
