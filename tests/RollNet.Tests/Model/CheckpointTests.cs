using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Model;

public sealed class CheckpointTests : IDisposable
{
    private static readonly ModelConfig Tiny = new(Layers: 2, HiddenSize: 8, Dropout: 0.5f);

    private static readonly ModelConfig Parallel =
        Tiny with { Head = new NadeHeadOptions(7, KeyOrder.OutsideIn, ParallelBias: true) };

    private readonly TempDirectory _directory = new();
    private readonly CpuBackend _backend = new(1);

    public void Dispose()
    {
        _backend.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void RoundTripIsBitExact(OptimizerKind kind)
    {
        using var model = new RollModel(_backend, Tiny, seed: 3);
        using var trainer = new Trainer(model, new TrainerOptions { Optimizer = kind, LearningRate = 0.01f });
        trainer.TrainBatch(Batch());
        trainer.TrainBatch(Batch());

        // Values whose bits a careless text or arithmetic round trip would change, the largest a parameter may be among them.
        float[] special = [-0f, float.Epsilon, -1e-40f, 1.17549421e-38f, Checkpoint.MaxParameterMagnitude, -Checkpoint.MaxParameterMagnitude, 1f / 3];
        _backend.Upload(special, model.Parameters.Value("lstm1.u").Slice(5, special.Length));
        TrainingState training = State(trainer.Optimizer) with { BestValidationLoss = 12.345678901234567, EpochsWithoutImprovement = 1 };
        Checkpoint saved = TrainingCheckpoint.Capture(model, trainer.Optimizer, training);
        string path = _directory.File("model.ckpt");

        CheckpointCodec.Save(saved, path);
        Checkpoint loaded = TrainingCheckpoint.Load(path);

        Assert.Equal(Tiny, loaded.Config);
        Assert.Equal(training, TrainingCheckpoint.ReadState(loaded));
        Assert.Equal(saved.Header, loaded.Header);
        Assert.Equal(model.Parameters.Layout.Tensors.Count + trainer.Optimizer.State.Count, loaded.Tensors.Count);
        Assert.Equal(saved.Tensors.Select(t => t.Name), loaded.Tensors.Select(t => t.Name));
        for (int t = 0; t < saved.Tensors.Count; t++)
        {
            Assert.Equal(saved.Tensors[t].Shape.ToArray(), loaded.Tensors[t].Shape.ToArray());
            Assert.Equal(Bits(saved.Tensors[t].Data.ToArray()), Bits(loaded.Tensors[t].Data.ToArray()));
        }

        Assert.Equal(Bits(special), Bits(loaded.Tensors[4].Data.Slice(5, special.Length).ToArray()));
    }

    [Fact]
    public void ModelWithoutTrainingStateRoundTrips()
    {
        using var model = new RollModel(_backend, Tiny, seed: 4);
        string path = _directory.File("model.ckpt");

        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        Checkpoint loaded = TrainingCheckpoint.Load(path);

        Assert.Null(loaded.Header.Training);
        Assert.Null(TrainingCheckpoint.ReadState(loaded));
        Assert.Equal(model.Parameters.Layout.Tensors.Select(t => t.Name), loaded.Tensors.Select(t => t.Name));
        Assert.Equal([4 * Tiny.HiddenSize, ModelConfig.PianoKeys], loaded.Tensors[0].Shape.ToArray());
        Assert.Equal([1, ModelConfig.PianoKeys], loaded.Tensors[^1].Shape.ToArray());
    }

    [Fact]
    public void LoadedModelGivesIdenticalLogits()
    {
        using var model = new RollModel(_backend, Tiny, seed: 5);
        string path = _directory.File("model.ckpt");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        using RollModel restored = CheckpointCodec.Load(path).CreateModel(_backend);
        SequenceBatch batch = Batch();
        using var runner = new InferenceRunner(model);
        using var restoredRunner = new InferenceRunner(restored);
        runner.Evaluate(batch);
        restoredRunner.Evaluate(batch);

        float[] expected = runner.LogOdds().ToArray();
        float[] actual = restoredRunner.LogOdds().ToArray();

        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void ResumedTrainingMatchesUninterruptedTraining(OptimizerKind kind)
    {
        var options = new TrainerOptions { Optimizer = kind, LearningRate = 0.01f, Seed = 9 };
        using var model = new RollModel(_backend, Tiny, seed: 6);
        using var trainer = new Trainer(model, options);
        trainer.TrainBatch(Batch());
        trainer.TrainBatch(Batch());
        string path = _directory.File("model.ckpt");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, trainer.Optimizer, State(trainer.Optimizer)), path);

        Checkpoint loaded = TrainingCheckpoint.Load(path);
        using RollModel resumed = loaded.CreateModel(_backend);
        using var resumedTrainer = new Trainer(resumed, options);
        TrainingCheckpoint.Restore(loaded, resumedTrainer.Optimizer);
        trainer.TrainBatch(Batch());
        resumedTrainer.TrainBatch(Batch());

        Assert.Equal(3, resumedTrainer.Optimizer.Steps);
        Assert.Equal(Bits(model.Parameters.Download()), Bits(resumed.Parameters.Download()));
    }

    [Fact]
    public void RestoringIntoAnotherOptimizerKindFails()
    {
        using var model = new RollModel(_backend, Tiny, seed: 7);
        using var adam = new AdamOptimizer(_backend, model.Parameters.Layout.Length);
        Checkpoint checkpoint = TrainingCheckpoint.Capture(model, adam, State(adam));
        using var sgd = new SgdOptimizer(_backend, model.Parameters.Layout.Length);

        var error = Assert.Throws<InvalidOperationException>(() => TrainingCheckpoint.Restore(checkpoint, sgd));

        Assert.Contains("trained with Adam, not Sgd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoringWithoutOptimizerStateFails()
    {
        using var model = new RollModel(_backend, Tiny, seed: 7);
        using var adam = new AdamOptimizer(_backend, model.Parameters.Layout.Length);
        adam.Steps = 4;

        var noTraining = Assert.Throws<InvalidOperationException>(() => TrainingCheckpoint.Restore(TrainingCheckpoint.Capture(model), adam));
        var noState = Assert.Throws<InvalidOperationException>(
            () => TrainingCheckpoint.Restore(TrainingCheckpoint.Capture(model, state: State(adam)), adam));

        Assert.Contains("no training state", noTraining.Message, StringComparison.Ordinal);
        Assert.Contains("adam.m", noState.Message, StringComparison.Ordinal);
        Assert.Equal(4, adam.Steps);
    }

    [Fact]
    public void ModelHoldingNaNCannotBeCheckpointed()
    {
        using var model = new RollModel(_backend, Tiny, seed: 8);
        _backend.Upload([float.NaN], model.Parameters.Value("out.w").Slice(3, 1));

        var error = Assert.Throws<InvalidOperationException>(() => TrainingCheckpoint.Capture(model));

        Assert.Contains("parameter out.w holds NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var first = new RollModel(_backend, Tiny, seed: 1);
        using var second = new RollModel(_backend, Tiny, seed: 2);
        string path = _directory.File("model.ckpt");

        CheckpointCodec.Save(TrainingCheckpoint.Capture(first), path);
        CheckpointCodec.Save(TrainingCheckpoint.Capture(second), path);

        Assert.Equal(["model.ckpt"], _directory.Listing());
        Assert.Equal(Bits(second.Parameters.Download()), Bits(CheckpointCodec.Load(path).CreateModel(_backend).Parameters.Download()));
    }

    [Fact]
    public void FailedSaveLeavesNoTemporaryFile()
    {
        using var model = new RollModel(_backend, Tiny, seed: 1);
        string path = _directory.File("taken");
        Directory.CreateDirectory(path);

        // The whole temporary file is written before the rename onto a directory fails.
        Assert.ThrowsAny<IOException>(() => CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path));

        Assert.Empty(_directory.Listing());
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void TrainingStateThatJsonCannotHoldIsRefused()
    {
        using var model = new RollModel(_backend, Tiny, seed: 1);
        var training = new TrainingState { Epoch = 1, Updates = 0, Seed = 1, Optimizer = OptimizerKind.Adam, LearningRate = float.NaN };

        var error = Assert.Throws<ArgumentException>(() => TrainingCheckpoint.Capture(model, state: training));

        Assert.Contains("must be finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalAndUnknownHeaderFieldsAreTolerated()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file)
            .Replace(",\"bestValidationLoss\":null", "", StringComparison.Ordinal)
            .Replace(",\"epochsWithoutImprovement\":0", ",\"addedLater\":{\"x\":[1,2]}", StringComparison.Ordinal);
        Assert.DoesNotContain("bestValidationLoss", header, StringComparison.Ordinal);
        string path = Write("edited.ckpt", CheckpointBytes.WithHeader(file, header));

        TrainingState loaded = TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(path))!;

        Assert.Null(loaded.BestValidationLoss);
        Assert.Equal(0, loaded.EpochsWithoutImprovement);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, "adam")]
    [InlineData(OptimizerKind.Sgd, "sgd")]
    public void TheOptimizerKindIsWrittenByItsJsonName(OptimizerKind kind, string name)
    {
        using var model = new RollModel(_backend, Tiny, seed: 11);
        using var trainer = new Trainer(model, new TrainerOptions { Optimizer = kind });
        string path = _directory.File("kind.ckpt");

        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, trainer.Optimizer, State(trainer.Optimizer)), path);

        Assert.Contains($"\"optimizer\":\"{name}\"", CheckpointBytes.Header(File.ReadAllBytes(path)), StringComparison.Ordinal);
        Assert.Equal(kind, TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(path))!.Optimizer);
    }

    [Theory]
    [InlineData("\"adamw\"")]
    [InlineData("\"\"")]
    [InlineData("\"1\"")]
    [InlineData("0")]
    [InlineData("null")]
    public void AnUnknownOptimizerIsRefused(string value)
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);
        Assert.Contains("\"optimizer\":\"adam\"", header, StringComparison.Ordinal);
        header = header.Replace("\"optimizer\":\"adam\"", $"\"optimizer\":{value}", StringComparison.Ordinal);

        AssertLoadFails(Write("optimizer.ckpt", CheckpointBytes.WithHeader(file, header)), $"unknown optimizer {value}",
            inTrainingSection: true);
    }

    [Fact]
    public void ATrainingSectionThatIsNotAnObjectIsMalformed()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);
        header = header[..header.IndexOf(",\"training\":", StringComparison.Ordinal)] + ",\"training\":[1]}";

        AssertLoadFails(Write("training.ckpt", CheckpointBytes.WithHeader(file, header)), "malformed header: training must be an object or null");
    }

    [Fact]
    public void ACheckpointKeepsItsOwnCopyOfWhatItWasMadeFrom()
    {
        var layout = new ParameterLayout(new ModelConfig(Layers: 1, HiddenSize: 1, InputSize: 1, OutputSize: 1));
        float[][] values = [.. layout.Tensors.Select(t => Enumerable.Repeat(0.5f, t.Length).ToArray())];
        var tensors = layout.Tensors.Select((t, i) => new CheckpointTensor(t.Name, [t.Rows, t.Cols], values[i])).ToList();
        using var training = System.Text.Json.JsonDocument.Parse("{\"epoch\":1}");
        var checkpoint = new Checkpoint(new CheckpointHeader(layout.Config, training.RootElement), tensors);

        values[0][0] = 9;
        tensors.Clear();

        Assert.Equal(0.5f, checkpoint.Tensors[0].Data.Span[0]);
        Assert.Equal(layout.Tensors.Count, checkpoint.Tensors.Count);
        Assert.Equal(1, checkpoint.Header.Training!.Value.GetProperty("epoch").GetInt32());
        Assert.Equal(1, checkpoint.Header.FormatVersion);
        Assert.Throws<ArgumentException>(() => new Checkpoint(checkpoint.Header, tensors));
    }

    [Fact]
    public void MissingFile() => AssertLoadFails(_directory.File("absent.ckpt"), "no such file");

    [Fact]
    public void DirectoryInsteadOfFile() => AssertLoadFails(_directory.Path, "a folder");

    [Fact]
    public void EmptyFile() => AssertLoadFails(Write("empty.ckpt", []), "empty");

    [Fact]
    public void BadMagic() =>
        AssertLoadFails(Write("notes.txt", "these are not the weights you are looking for"u8.ToArray()), "not a RollNet checkpoint");

    [Fact]
    public void ANewerFormatVersionIsOneLineNamingIt()
    {
        byte[] file = SavedBytes();
        file[6] = CheckpointCodec.FormatVersion + 1;

        AssertLoadFails(Write("future.ckpt", file),
            $"checkpoint format version {CheckpointCodec.FormatVersion + 1} is newer than this build, which reads versions 1 to {CheckpointCodec.FormatVersion}: update RollNet");
    }

    [Fact]
    public void FormatVersionZeroIsRefused()
    {
        byte[] file = SavedBytes();
        file[6] = 0;

        AssertLoadFails(Write("zero.ckpt", file), "unsupported checkpoint format version 0");
    }

    [Fact]
    public void ASigmoidModelIsWrittenInFormatVersion1WithoutAHead()
    {
        byte[] file = SavedBytes();

        Assert.Equal(1, file[6]);
        Assert.DoesNotContain("\"head\"", CheckpointBytes.Header(file), StringComparison.Ordinal);
    }

    [Fact]
    public void ANadeModelRoundTripsInFormatVersion2AndPredictsTheSame()
    {
        string header = AssertRoundTripsInVersion(Tiny with { Head = new NadeHeadOptions(7) }, 2);

        Assert.Contains("\"head\":\"nade\",\"nadeHidden\":7", header, StringComparison.Ordinal);
    }

    [Fact]
    public void ANadeModelWithInputBiasesRoundTripsInFormatVersion4AndPredictsTheSame()
    {
        string header = AssertRoundTripsInVersion(Tiny with { Head = new NadeHeadOptions(7, InputBias: true) }, 4);

        Assert.Contains("\"nadeOrder\":\"ascending\",\"nadeInputBias\":true", header, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"nade.bv.x\",\"shape\":[88,88]},{\"name\":\"nade.bh.x\",\"shape\":[7,88]}", header,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AnOlderVersionWithInputBiasesIsRefused(byte version)
    {
        byte[] file = SavedBytes(Tiny with { Head = new NadeHeadOptions(7, InputBias: true) });
        file[6] = version;

        AssertLoadFails(Write("older.ckpt", CheckpointBytes.Reseal(file)), $"a version {version} header has no nadeInputBias");
    }

    [Fact]
    public void AVersion4NadeHeaderWithoutInputBiasIsRefused()
    {
        byte[] file = SavedBytes(Tiny with { Head = new NadeHeadOptions(7, InputBias: true) });
        string header = CheckpointBytes.Header(file).Replace(",\"nadeInputBias\":true", "", StringComparison.Ordinal);

        AssertLoadFails(Write("missing.ckpt", CheckpointBytes.WithHeader(file, header)),
            "a version 4 header of a NADE head needs nadeInputBias");
    }

    [Fact]
    public void ANadeModelLearningParallelMotionRoundTripsInFormatVersion5AndPredictsTheSame()
    {
        string header = AssertRoundTripsInVersion(Parallel, 5);

        Assert.Contains("\"nadeOrder\":\"outside-in\",\"nadeInputBias\":false,\"nadeParallelBias\":true,\"nadeSplit\":44", header,
            StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"nade.bv.p\",\"shape\":[1,12]}", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void AnOlderVersionLearningParallelMotionIsRefused(byte version)
    {
        byte[] file = SavedBytes(Parallel);
        file[6] = version;

        AssertLoadFails(Write("older.ckpt", CheckpointBytes.Reseal(file)), $"a version {version} header has no nadeParallelBias or nadeSplit");
    }

    [Fact]
    public void AVersion5NadeHeaderWithoutParallelBiasIsRefused()
    {
        byte[] file = SavedBytes(Parallel);
        string header = CheckpointBytes.Header(file).Replace(",\"nadeParallelBias\":true", "", StringComparison.Ordinal);

        AssertLoadFails(Write("missing.ckpt", CheckpointBytes.WithHeader(file, header)),
            "a version 5 header of a NADE head needs nadeParallelBias");
    }

    [Fact]
    public void ACategoricalModelRoundTripsInFormatVersion6AndAnOlderVersionIsRefused()
    {
        ModelConfig categorical = Tiny with { Head = new CategoricalHeadOptions() };
        string header = AssertRoundTripsInVersion(categorical, 6);
        byte[] file = SavedBytes(categorical);
        file[6] = 5;

        Assert.Contains("\"outputSize\":88,\"head\":\"categorical\"},", header, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"cat.w\",\"shape\":[89,8]},{\"name\":\"cat.b\",\"shape\":[1,89]}", header, StringComparison.Ordinal);
        AssertLoadFails(Write("older.ckpt", CheckpointBytes.Reseal(file)), "a version 5 header cannot hold the categorical head");
    }

    [Fact]
    public void AHeaderWithTheFieldOfAnotherKindOfHeadIsRefused()
    {
        byte[] file = SavedBytes(Tiny with { Head = new NadeHeadOptions(7) });
        string header = CheckpointBytes.Header(file).Replace("\"head\":\"nade\"", "\"head\":\"sigmoid\"", StringComparison.Ordinal);

        AssertLoadFails(Write("other.ckpt", CheckpointBytes.WithHeader(file, header)), "a header of the sigmoid head has no nadeHidden");
    }

    [Fact]
    public void Truncated()
    {
        byte[] file = SavedBytes();
        int payload = CheckpointBytes.PayloadOffset(file);
        int[] cuts =
        [
            3, // inside the magic
            7, // inside the version
            10, // inside the header length
            CheckpointBytes.PrefixLength + 10, // inside the header
            payload, // right after the header
            payload + 1001, // inside the payload
            file.Length - 10, // inside the checksum
        ];
        foreach (int cut in cuts)
        {
            AssertLoadFails(Write($"cut{cut}.ckpt", file[..cut]), "truncated");
        }
    }

    [Fact]
    public void FlippedPayloadByte()
    {
        byte[] file = SavedBytes();
        file[CheckpointBytes.PayloadOffset(file) + 777] ^= 0x10;

        AssertLoadFails(Write("flipped.ckpt", file), "checksum");
    }

    [Fact]
    public void FlippedHeaderByte()
    {
        byte[] file = SavedBytes();
        int name = CheckpointBytes.Header(file).IndexOf("lstm1.u", StringComparison.Ordinal);
        file[CheckpointBytes.PrefixLength + name + 6] ^= 0x01;

        AssertLoadFails(Write("flipped.ckpt", file), "checksum");
    }

    [Fact]
    public void TrailingBytes() =>
        AssertLoadFails(Write("long.ckpt", [.. SavedBytes(), 0, 1, 2]), "3 trailing bytes");

    [Fact]
    public void ConfigurationThatDoesNotFitTheTensors()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file).Replace("\"hiddenSize\":8", "\"hiddenSize\":16", StringComparison.Ordinal);

        AssertLoadFails(Write("bigger.ckpt", CheckpointBytes.WithHeader(file, header)),
            "parameter lstm0.w has shape [32, 88] but the configuration needs [64, 88]");
    }

    [Fact]
    public void InvalidConfiguration()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file).Replace("\"dropout\":0.5", "\"dropout\":1.5", StringComparison.Ordinal);

        AssertLoadFails(Write("dropout.ckpt", CheckpointBytes.WithHeader(file, header)), "Dropout must lie in [0, 1)");
    }

    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("\"layers\":2", "\"layers\":10000000", "Layers must lie in 1…64, not 10000000")]
    [InlineData("\"layers\":2", "\"layers\":2000000000", "Layers must lie in 1…64, not 2000000000")]
    [InlineData("\"hiddenSize\":8", "\"hiddenSize\":2000000000", "HiddenSize must lie in 1…16384, not 2000000000")]
    [InlineData("\"inputSize\":88", "\"inputSize\":1000000000", "InputSize and OutputSize must lie in 1…4096")]
    [InlineData("\"hiddenSize\":8", "\"hiddenSize\":16384", "more parameters than a buffer can hold")]
    public void AHeaderOfAHugeModelIsRefusedBeforeAnythingOfItsSizeIsAllocated(string field, string huge, string problem)
    {
        byte[] file = SavedBytes();
        string path = Write("huge.ckpt", CheckpointBytes.WithHeader(file, CheckpointBytes.Header(file).Replace(field, huge, StringComparison.Ordinal)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertLoadFails(path, problem);

        // A few times the file's own size, not the gigabytes the header describes.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16L << 20);
    }

    [Fact]
    public void MalformedHeader()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);

        AssertLoadFails(Write("syntax.ckpt", CheckpointBytes.WithHeader(file, header[..^1])), "malformed header");
        AssertLoadFails(Write("missing.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"layers\":2,", "", StringComparison.Ordinal))),
            "malformed header");
        AssertLoadFails(Write("null.ckpt", CheckpointBytes.WithHeader(file, "null")), "malformed header");
    }

    [Fact]
    public void TensorListThatDoesNotFitTheConfiguration()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);

        AssertLoadFails(Write("renamed.ckpt", CheckpointBytes.WithHeader(file, header.Replace("lstm1.u", "lstm1.x", StringComparison.Ordinal))),
            "tensor 4 is lstm1.x but the configuration's parameter 4 is lstm1.u");
        AssertLoadFails(Write("state.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"adam.v\",\"shape\":[", "\"adam.v\",\"shape\":[1,", StringComparison.Ordinal))),
            "optimizer state adam.v has shape [1, ");
        AssertLoadFails(Write("unnamed.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"adam.v\"", "\"\"", StringComparison.Ordinal))),
            "tensor 9 has an empty name");
    }

    [Fact]
    public void AGridBelowOneStepPerQuarterIsRefused()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);
        Assert.Contains("\"stepsPerQuarter\":1", header, StringComparison.Ordinal);

        AssertLoadFails(Write("grid.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"stepsPerQuarter\":1", "\"stepsPerQuarter\":0", StringComparison.Ordinal))),
            "training stepsPerQuarter 0 is not positive", inTrainingSection: true);
    }

    [Fact]
    public void TrainingSettingsAreReadAsWritten()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);

        TrainingSettings? read = TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(Write("settings.ckpt",
            CheckpointBytes.WithHeader(file, header.Replace("\"stepsPerQuarter\":1", $"\"stepsPerQuarter\":1,\"settings\":{SettingsJson()}", StringComparison.Ordinal)))))!.Settings;

        Assert.Equal(new TrainingRunOptions { Keep = KeptModel.LastEpoch, Transpose = 6 }.Settings, read);
    }

    [Theory]
    [InlineData("batchSize", "0", "training settings batchSize 0 is not positive")]
    [InlineData("maxSteps", "1", "training settings maxSteps 1 is neither 0 nor at least 2")]
    [InlineData("transpose", "88", "training settings transpose 88 is not from 0 to 87")]
    [InlineData("learningRate", "0", "training settings learningRate 0 is not a positive number")]
    [InlineData("momentum", "1", "training settings momentum 1 is not in [0, 1)")]
    [InlineData("clipNorm", "-1", "training settings clipNorm -1 is not a number of at least 0")]
    [InlineData("learningRateDecay", "1.5", "training settings learningRateDecay 1.5 is not in (0, 1]")]
    [InlineData("epochs", "0", "training settings epochs 0 is not positive")]
    [InlineData("patience", "-1", "training settings patience -1 is negative")]
    [InlineData("keep", "\"best\"", "malformed header: training: ")]
    [InlineData("keep", "1", "malformed header: training: ")]
    [InlineData("batchSize", null, "malformed header: training: ")]
    public void TrainingSettingsOutOfRangeOrMissingAreRefused(string field, string? value, string problem)
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);

        AssertLoadFails(Write("settings.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"stepsPerQuarter\":1",
            $"\"stepsPerQuarter\":1,\"settings\":{SettingsJson(field, value)}", StringComparison.Ordinal))), problem, inTrainingSection: true);
    }

    // The learning rate the run had reached, which a resumed run trains with; a float read from beyond its range is infinite.
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.01", "-0.01")]
    [InlineData("3.5E+38", "Infinity")]
    public void ALearningRateReachedThatIsNotAPositiveNumberIsRefused(string value, string read)
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);
        Assert.Contains("\"learningRate\":0.01,", header, StringComparison.Ordinal);

        AssertLoadFails(Write("rate.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"learningRate\":0.01,", $"\"learningRate\":{value},", StringComparison.Ordinal))),
            $"training learningRate {read} is not a positive number", inTrainingSection: true);
    }

    [Theory]
    [InlineData("\"0123456789abcdef\"", null)]
    [InlineData("\"0123456789ABCDEF\"", "training dataFingerprint \"0123456789ABCDEF\" is not 16 lowercase hexadecimal digits")]
    [InlineData("\"0123456789abcde\"", "training dataFingerprint \"0123456789abcde\" is not 16 lowercase hexadecimal digits")]
    [InlineData("\"0123456789abcdeg\"", "training dataFingerprint \"0123456789abcdeg\" is not 16 lowercase hexadecimal digits")]
    [InlineData("16", "malformed header: training: ")]
    public void ADataFingerprintIsSixteenLowercaseHexadecimalDigits(string value, string? problem)
    {
        byte[] file = SavedBytes();
        string path = Write("print.ckpt", CheckpointBytes.WithHeader(file, CheckpointBytes.Header(file).Replace("\"stepsPerQuarter\":1",
            $"\"stepsPerQuarter\":1,\"dataFingerprint\":{value}", StringComparison.Ordinal)));

        if (problem is null)
        {
            Assert.Equal("0123456789abcdef", TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(path))!.DataFingerprint);
        }
        else
        {
            AssertLoadFails(path, problem, inTrainingSection: true);
        }
    }

    [Fact]
    public void AStateTheModelStartedFromIsCheckedAsItsOwnIs()
    {
        byte[] file = SavedBytes();
        string header = CheckpointBytes.Header(file);
        const string earlier = "\"startedFrom\":{\"epoch\":-1,\"updates\":0,\"seed\":1,\"optimizer\":\"adam\",\"learningRate\":0.001}";

        AssertLoadFails(Write("earlier.ckpt", CheckpointBytes.WithHeader(file, header.Replace("\"stepsPerQuarter\":1", $"\"stepsPerQuarter\":1,{earlier}", StringComparison.Ordinal))),
            "training startedFrom epoch -1 is negative", inTrainingSection: true);
    }

    [Fact]
    public void NaNParameter() =>
        AssertLoadFails(Write("nan.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), 3, float.NaN)),
            "parameter lstm0.w holds NaN (element 3)");

    [Fact]
    public void ParametersBeyondTheBoundAreRefusedAndTheBoundItselfIsRead()
    {
        float beyond = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(Checkpoint.MaxParameterMagnitude) + 1);

        AssertLoadFails(Write("large.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), 3, -beyond)),
            "parameter lstm0.w holds -1000000.06 (element 3), beyond the ±1,000,000 within which a model's activations stay finite");
        AssertLoadFails(Write("huge.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), 5, 3e38f)),
            "parameter lstm0.w holds 3.00000001E+38 (element 5)");
        TrainingCheckpoint.Load(Write("bound.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), 3, -Checkpoint.MaxParameterMagnitude)));

        // Optimizer state is not a weight, and may be as large as it likes.
        TrainingCheckpoint.Load(Write("state.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), new ParameterLayout(Tiny).Length, 3e38f)));
    }

    [Fact]
    public void ModelWithWeightsBeyondTheBoundCannotBeCheckpointed()
    {
        using var model = new RollModel(_backend, Tiny, seed: 8);
        _backend.Upload([2e6f], model.Parameters.Value("out.w").Slice(3, 1));

        var error = Assert.Throws<InvalidOperationException>(() => TrainingCheckpoint.Capture(model));

        Assert.Contains("parameter out.w holds 2000000 (element 3), beyond the ±1,000,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InfiniteOptimizerState()
    {
        int parameters = new ParameterLayout(Tiny).Length;

        AssertLoadFails(Write("inf.ckpt", CheckpointBytes.WithPayloadFloat(SavedBytes(), parameters + 2, float.NegativeInfinity)),
            "optimizer state adam.m holds infinity (element 2)");
    }

    // The settings object of a run with --keep last and --transpose 6, with one field set to value (removed for null).
    private static string SettingsJson(string? field = null, string? value = null)
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse("""
            {"learningRate":0.001,"momentum":0.9,"clipNorm":5,"bpttSteps":0,"batchSize":32,"maxSteps":0,"transpose":6,
             "learningRateDecay":1,"decayPatience":0,"keep":"last","epochs":40,"patience":5}
            """)!.AsObject();
        if (field is not null)
        {
            settings.Remove(field);
            if (value is not null)
            {
                settings[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
            }
        }

        return settings.ToJsonString();
    }

    private static TrainingState State(IOptimizer optimizer) => new()
    {
        Epoch = 2,
        Updates = optimizer.Steps,
        Seed = ulong.MaxValue - 1,
        Optimizer = optimizer.Kind,
        LearningRate = 0.01f,
        Data = "jsb",
        StepsPerQuarter = 1,
    };

    private static SequenceBatch Batch() => SequenceBatch.FromRolls(
    [
        PianoRoll.FromPitches([[60, 64], [60, 64, 67], [62], [], [65, 69], [60]]),
        PianoRoll.FromPitches([[21], [108], [21, 108], [40]]),
    ]);

    // Saves a model of config as training does, checks the file's format version and that it loads and predicts as the
    // model; returns its header.
    private string AssertRoundTripsInVersion(ModelConfig config, int version)
    {
        using var model = new RollModel(_backend, config, seed: 6);
        string path = _directory.File("round-trip.ckpt");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(version, file[6]);
        AssertLoadsAndPredictsTheSame(model, config, path);
        return CheckpointBytes.Header(file);
    }

    // The bytes of a checkpoint of a model of config, as training saves it.
    private byte[] SavedBytes(ModelConfig config)
    {
        using var model = new RollModel(_backend, config, seed: 6);
        string path = _directory.File("saved.ckpt");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        return File.ReadAllBytes(path);
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private float[] Download(BufferSlice slice)
    {
        var host = new float[slice.Length];
        _backend.Download(slice, host);
        return host;
    }

    /// <summary>A valid checkpoint file with Adam state, as bytes.</summary>
    private byte[] SavedBytes()
    {
        using var model = new RollModel(_backend, Tiny, seed: 10);
        using var trainer = new Trainer(model, new TrainerOptions());
        trainer.TrainBatch(Batch());
        string path = _directory.File("source.ckpt");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model, trainer.Optimizer, State(trainer.Optimizer)), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Loading fails with a one-line <see cref="CheckpointException"/> naming the file, and writes nothing: through
    /// <see cref="TrainingCheckpoint.Load(string)"/> always, and through <see cref="CheckpointCodec.Load(string)"/> too
    /// unless the problem lies in the training section, which only the former reads.
    /// </summary>
    private void AssertLoadFails(string path, string problem, bool inTrainingSection = false)
    {
        string[] before = _directory.Listing();

        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path));

        Assert.Equal(path, error.Path);
        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Equal(before, _directory.Listing());
        if (inTrainingSection)
        {
            Assert.Throws<ArgumentException>(() => TrainingCheckpoint.ReadState(CheckpointCodec.Load(path)));
        }
        else
        {
            Assert.Equal(error.Message, Assert.Throws<CheckpointException>(() => CheckpointCodec.Load(path)).Message);
        }
    }

    // The file at path loads as config and predicts exactly as model does.
    private void AssertLoadsAndPredictsTheSame(RollModel model, ModelConfig config, string path)
    {
        Checkpoint loaded = CheckpointCodec.Load(path);
        Assert.Equal(config, loaded.Config);
        using RollModel restored = loaded.CreateModel(_backend);
        using var runner = new InferenceRunner(model);
        using var restoredRunner = new InferenceRunner(restored);
        SequenceBatch batch = Batch();
        Assert.Equal(runner.Evaluate(batch), restoredRunner.Evaluate(batch));
        Assert.Equal(Bits(runner.LogOdds(0.3).ToArray()), Bits(restoredRunner.LogOdds(0.3).ToArray()));
    }
}
