using RollNet.Cli.Commands;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Model;
using RollNet.Training;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>
/// <c>generate</c> ends with what the music it wrote is like beside the music its model learnt, and the bundled model
/// carries that reference so a fresh machine without the datasets prints it too.
/// </summary>
public sealed class GenerateSummaryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("chorales")]
    [InlineData("piano")]
    public void EachBundledReferenceIsWhatItsTrainingSplitMeasures(string name)
    {
        BundledModel bundled = BundledModel.Find(name)!;
        // A bundled model trained further on its own music is held against the music it first learnt.
        string data = TrainingCheckpoint.ReadState(bundled.Load())!.Stages().Last().Data!;
        PianoRollDataset dataset = DatasetCatalog.Load(SharedDatasets.Folder, data);
        string measured = MusicReference.Of($"{DatasetCatalog.Find(data)!.Title}, training split", dataset.Train).ToJson();
        string path = Repository.Path("src", "RollNet.Cli", "Models", bundled.ReferenceFileName);
        string carried = File.Exists(path) ? File.ReadAllText(path) : "";
        if (measured != carried)
        {
            File.WriteAllText(Path.ChangeExtension(path, ".received.json"), measured);
        }

        Assert.True(measured == carried,
            $"{path} is not what the training split of {data} measures; the measured reference is beside it as {Path.GetFileName(Path.ChangeExtension(path, ".received.json"))}");
        Assert.Equal(measured, bundled.Reference().ToJson());
    }

    [Fact]
    public void GenerateWithTheBundledModelSummarisesItsMusicBesideBach()
    {
        CliResult result = Cli.Run("generate", "--steps", "64", "--seed", "2", "--threads", "1", "--out", _directory.File("s.mid"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("the music it wrote: 64 steps in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("beside JSB Chorales, training split (229 pieces)", result.Output, StringComparison.Ordinal);
        foreach (string feature in new[] { "notes per frame", "triad or seventh", "semitone clash", "in key", "note length", "top-voice leap" })
        {
            string row = Assert.Single(result.Output.Split('\n'), line => line.Contains(feature, StringComparison.Ordinal));
            Assert.Matches(@"\b(within|below|above)\b", row);
        }
    }

    // A model trained on a folder of two pieces is held against its one training piece, which was "1 pieces"; a piece of
    // one step was "1 steps".
    [Fact]
    public void OneReferencePieceAndOneStepAreNamedInTheSingular()
    {
        var piece = new PianoRoll(8);
        for (int t = 0; t < piece.Steps; t++)
        {
            piece[t, 39] = piece[t, 43] = piece[t, 46] = true;
        }

        using var output = new StringWriter();
        PieceSummary.Write(output, piece, MusicReference.Of("two pieces, training split", [piece]));

        Assert.Contains("the music it wrote: 8 steps in ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("beside two pieces, training split (1 piece):", output.ToString(), StringComparison.Ordinal);

        var step = new PianoRoll(1);
        step[0, 39] = true;
        using var one = new StringWriter();
        PieceSummary.Write(one, step, MusicReference.Of("two pieces, training split", [piece]));
        Assert.StartsWith("the music it wrote: 1 step in ", one.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneGeneratedStepIsNamedInTheSingular()
    {
        CliResult result = Cli.Run("generate", "--steps", "1", "--threads", "1", "--out", _directory.File("one.mid"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 primer and 1 generated step, ", result.Output, StringComparison.Ordinal);
        Assert.Contains("the music it wrote: 1 step in ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePianoModelWritesOnItsOwnGridAndIsHeldAgainstPianoMidiDe()
    {
        string path = _directory.File("p.mid");

        CliResult result = Cli.Run("generate", "--model", "piano", "--steps", "32", "--seed", "2", "--threads", "1", "--out", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("beside Piano-midi.de, training split (87 pieces)", result.Output, StringComparison.Ordinal);
        MidiRollReading written = MidiRollReader.ReadWithReport(path);
        Assert.Equal((2, 2), (written.RecordedStepsPerQuarter, written.StepsPerQuarter));
    }

    [Fact]
    public void APrimerFromADatasetOnAnotherGridIsToldOnStderr()
    {
        CliResult result = Cli.Run("generate", "--model", "piano", "--prime-data", "jsb", "--data-dir", SharedDatasets.Folder,
            "--prime-steps", "4", "--steps", "4", "--threads", "1", "--out", _directory.File("g.mid"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("its pieces are on a grid of 1 step a quarter note and the model's is 2; the primer's steps are taken as "
            + "the model's, so it plays faster than written", result.Error, StringComparison.Ordinal);
    }

    // The set's file given by its path, under the name it is published with, is on the set's grid as its short name is.
    [Fact]
    public void APrimerFromADatasetFileUnderItsPublishedNameIsOnThatSetsGrid()
    {
        string folder = _directory.File("tcn");
        Directory.CreateDirectory(folder);
        string nottingham = Path.Combine(folder, "Nottingham.mat");
        File.Copy(SharedDatasets.File("nottingham.mat"), nottingham);

        CliResult result = Cli.Run("generate", "--prime-data", nottingham, "--prime-steps", "4", "--steps", "4", "--threads", "1",
            "--out", _directory.File("n.mid"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{nottingham}: its pieces are on a grid of 2 steps a quarter note and the model's is 1; the primer's steps "
            + "are taken as the model's, so it plays slower than written", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelNameThatIsNeitherBundledNorAFileIsOneLineNamingTheBundledModels() =>
        Cli.AssertOneLineError(["generate", "--model", "jazz", "--out", _directory.File("j.mid")],
            "jazz: no such file, and no bundled model of that name (chorales, piano)");

    [Fact]
    public void AModelTrainedFurtherOnMusicNotHereIsHeldAgainstWhatItLearntBefore()
    {
        // The bundled chorale model as a file: it learnt the JSB Chorales, then two folders of its own continuations.
        string model = _directory.File("m.rollnet");
        File.Copy(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"), model);

        CliResult generate = Cli.Run("generate", "--model", model, "--steps", "16", "--threads", "1", "--out", _directory.File("a.mid"),
            "--data-dir", SharedDatasets.Folder);

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains("beside JSB Chorales, training split (229 pieces)", generate.Output, StringComparison.Ordinal);
        string line = Assert.Single(generate.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rollnet: own-chorales-2: no such file or folder", line, StringComparison.Ordinal);
        Assert.EndsWith("; the music is summed up beside jsb, which the model learnt before it", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelFileIsHeldAgainstTheTrainingSplitOfItsData()
    {
        // The bundled chorale model as a file that says it learnt the JSB Chorales and nothing after them.
        string model = _directory.File("m.rollnet");
        Checkpoint bundled = TrainingCheckpoint.Load(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        using (var backend = new CpuBackend(1))
        using (RollModel chorales = bundled.CreateModel(backend))
        {
            CheckpointCodec.Save(TrainingCheckpoint.Capture(chorales, state: TrainingCheckpoint.ReadState(bundled)!.Stages().Last()), model);
        }

        CliResult found = Cli.Run("generate", "--model", model, "--steps", "16", "--threads", "1", "--out", _directory.File("a.mid"),
            "--data-dir", SharedDatasets.Folder);
        CliResult missing = Cli.Run("generate", "--model", model, "--steps", "16", "--threads", "1", "--out", _directory.File("b.mid"),
            "--data-dir", _directory.File("nowhere"));

        Assert.True(found.ExitCode == 0, found.ToString());
        Assert.Contains("beside JSB Chorales, training split (229 pieces)", found.Output, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 0, missing.ToString());
        Assert.DoesNotContain("beside", missing.Output, StringComparison.Ordinal);
        Assert.Contains("rollnet: no summary of the music beside the data the model learnt", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelThatLearntTheTopVoiceIsHeldAgainstTheTopVoiceOfItsData()
    {
        string run = _directory.File("run");
        CliResult train = Cli.Run("train", "--data", "jsb", "--top-voice", "--head", "categorical", "--layers", "1", "--hidden", "8",
            "--epochs", "1", "--threads", "1", "--out", run, "--data-dir", SharedDatasets.Folder);

        CliResult generate = Cli.Run("generate", "--model", Path.Combine(run, "best.rollnet"), "--steps", "16", "--threads", "1",
            "--out", _directory.File("melody.mid"), "--data-dir", SharedDatasets.Folder);

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains("beside JSB Chorales, training split, top voice (229 pieces)", generate.Output, StringComparison.Ordinal);
        string notes = generate.Output.Split('\n').Single(line => line.TrimStart().StartsWith("notes per frame", StringComparison.Ordinal));
        Assert.True(notes.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4] is "0.99" or "1.00", notes);
    }

    public void Dispose() => _directory.Dispose();
}
