using System.Text.Json;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliWorkflowTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("sigmoid", false)]
    [InlineData("nade", false)]
    [InlineData("nade", true)]
    [InlineData("categorical", false)]
    public void TrainEvaluateAndGenerateOnTheTinyChorales(string head, bool inputBias)
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), run = _directory.File("run");

        CliResult train = Cli.Run(["train", "--data", data, "--layers", "1", "--hidden", "8", "--epochs", "2",
            "--batch", "2", "--threads", "1", "--head", head, "--out", run,
            .. head == "nade" ? ["--nade-hidden", "6"] : Array.Empty<string>(), .. inputBias ? ["--nade-input-bias"] : Array.Empty<string>()]);

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("done after epoch 2", train.Output, StringComparison.Ordinal);
        Checkpoint last = TrainingCheckpoint.Load(Path.Combine(run, "last.rollnet"));
        Assert.Equal(2, TrainingCheckpoint.ReadState(last)!.Epoch);
        Assert.Equal(head, last.Config.Head.Name);
        Assert.Equal(inputBias, last.Config.Head is NadeHeadOptions { InputBias: true });
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        // The curves of every epoch in metrics.csv, byte for byte.
        string redrawn = _directory.File("curves.png");
        LearningCurves.Write(redrawn, MetricsCsv.Read(Path.Combine(run, "metrics.csv")));
        Assert.Equal(File.ReadAllBytes(redrawn), File.ReadAllBytes(Path.Combine(run, LearningCurves.FileName)));
        string model = Path.Combine(run, "best.rollnet");

        CliResult eval = Cli.Run("eval", "--model", model, "--data", data, "--split", "test", "--json", "--threads", "1");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        using JsonDocument figures = JsonDocument.Parse(eval.Output);
        double nll = figures.RootElement.GetProperty("nllPerFrame").GetDouble();
        Assert.InRange(nll, 1, 100);
        Assert.Equal(145 - 2, figures.RootElement.GetProperty("frames").GetInt64());
        foreach (string name in new[] { "strictAccuracy", "bayAccuracy", "precision", "recall", "f1" })
        {
            Assert.InRange(figures.RootElement.GetProperty(name).GetDouble(), 0, 1);
        }

        // Keys decided by their marginal probabilities: the same likelihood, accuracies of their own.
        CliResult marginal = Cli.Run("eval", "--model", model, "--data", data, "--split", "test", "--json", "--threads",
            "1", "--marginals", "20");
        Assert.True(marginal.ExitCode == 0, marginal.ToString());
        using JsonDocument marginalFigures = JsonDocument.Parse(marginal.Output);
        Assert.Equal(nll, marginalFigures.RootElement.GetProperty("nllPerFrame").GetDouble());
        Assert.Equal(20, marginalFigures.RootElement.GetProperty("marginals").GetInt32());

        // The table gives the count of frames drawn as a count, not as 20.0000.
        CliResult table = Cli.Run("eval", "--model", model, "--data", data, "--split", "test", "--threads", "1",
            "--marginals", "20");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"marginals\W+20\W*$", table.Output.Split('\n').Single(line => line.Contains("marginals", StringComparison.Ordinal)).TrimEnd());

        string song = _directory.File("song.mid"), roll = _directory.File("song.json");
        CliResult generate = Cli.Run("generate", "--model", model, "--prime-data", data, "--prime-index", "1",
            "--prime-steps", "8", "--steps", "32", "--seed", "5", "--out", song, "--json", roll, "--threads", "1");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        PianoRoll midi = MidiRollReader.Read(song);
        TimedPianoRoll json = PianoRollJson.Read(roll);
        // A MIDI file ends with its last note, so trailing silence is all it may lose.
        Assert.InRange(midi.Steps, 1, json.Roll.Steps);
        Assert.True(json.Roll.Slice(0, midi.Steps).ContentEquals(midi), "the MIDI file and the JSON roll disagree");
        Assert.Equal(8 + 32, json.Roll.Steps);
        Assert.True(json.Roll.Slice(0, 8).ContentEquals(PickleDatasetReader.Read(data).Test[1].Slice(0, 8)));
    }

    [Theory]
    [InlineData("zero", false)]
    [InlineData("frequencies", true)]
    public void TheOutputBiasOptionChoosesWhereTheBiasesStart(string start, bool fromFrequencies)
    {
        string run = _directory.File("run-" + start);

        // A learning rate this small leaves the biases where they started.
        CliResult train = Cli.Run("train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--layers", "1", "--hidden", "8",
            "--epochs", "1", "--lr", "1e-9", "--threads", "1", "--output-bias", start, "--out", run);

        Assert.True(train.ExitCode == 0, train.ToString());
        float[] bias = CheckpointCodec.Load(Path.Combine(run, "last.rollnet")).Tensors.Single(t => t.Name == "out.b").Data.ToArray();
        Assert.Equal(fromFrequencies, bias.Any(b => Math.Abs(b) > 1));
        Assert.Equal(fromFrequencies, bias.All(b => b < -0.5));
    }

    [Fact]
    public void ConvertAndDataStats()
    {
        string json = _directory.File("a.json"), midi = _directory.File("a.mid"), back = _directory.File("b.json");
        File.WriteAllText(json, """{"stepsPerQuarter": 4, "frames": [[60, 64], [60, 64], [], [67]]}""");

        Assert.Equal(0, Cli.Run("convert", json, midi).ExitCode);
        Assert.Equal(0, Cli.Run("convert", midi, back, "--steps-per-quarter", "4").ExitCode);

        Assert.True(PianoRollJson.Read(json).Roll.ContentEquals(PianoRollJson.Read(back).Roll));
        CliResult stats = Cli.Run("data", "stats", SharedDatasets.File("jsb_tiny.pickle"));
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("243", stats.Output, StringComparison.Ordinal);
        Assert.Contains("48..93", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TcnsMatFileIsADataset()
    {
        string mat = SharedDatasets.File("jsb_chorales.mat");
        CliResult stats = Cli.Run("data", "stats", mat);

        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.StartsWith($"jsb_chorales ({mat}), 1 step a quarter note\n", stats.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("13807", stats.Output, StringComparison.Ordinal);
        Assert.Contains("43..96", stats.Output, StringComparison.Ordinal);
    }

    // Output to a file or a pipe has no width: a long path stays on its line rather than broken at 80 columns.
    [Fact]
    public void ALineLongerThanATerminalIsWrittenWholeToAFile()
    {
        string folder = _directory.File(new string('a', 100));
        Directory.CreateDirectory(folder);
        string pickle = Path.Combine(folder, "tiny.pickle");
        File.Copy(SharedDatasets.File("jsb_tiny.pickle"), pickle);

        CliResult stats = Cli.Run("data", "stats", pickle);

        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Equal($"tiny ({pickle})", stats.Output.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    // The same rolls as a pickle and as a MAT-file: the same run, epoch by epoch (all but the seconds it took).
    [Fact]
    public void TrainingOnAMatFileLearnsWhatTheSamePickleTeaches()
    {
        string pickle = SharedDatasets.File("jsb_tiny.pickle"), mat = _directory.File("jsb_tiny.mat");
        PianoRollDataset tiny = PickleDatasetReader.Read(pickle);
        File.WriteAllBytes(mat, MatFileBytes.Dataset(tiny.Train, tiny.Valid, tiny.Test));

        string[] Losses(string data, string run)
        {
            CliResult train = Cli.Run("train", "--data", data, "--layers", "1", "--hidden", "4", "--epochs", "2", "--batch", "2",
                "--threads", "1", "--out", _directory.File(run));
            Assert.True(train.ExitCode == 0, train.ToString());
            return [.. File.ReadAllLines(Path.Combine(_directory.File(run), "metrics.csv")).Select(line => line[..line.LastIndexOf(',')])];
        }

        Assert.Equal(Losses(pickle, "from-pickle"), Losses(mat, "from-mat"));
    }

    [Fact]
    public void AMidiFolderIsADatasetAndItsUnreadableFilesAreListedAndSkipped()
    {
        string folder = MidiFolder(pieces: 4);

        File.WriteAllText(Path.Combine(folder, "broken.mid"), "not MIDI");

        CliResult stats = Cli.Run("data", "stats", folder, "--valid-fraction", "0.25", "--test-fraction", "0.25");

        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("broken.mid", stats.Error, StringComparison.Ordinal);
        Assert.Contains("skipped 1 of the MIDI files", stats.Error, StringComparison.Ordinal);
        Assert.Contains("60..67", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoosingAThresholdWithoutAValidationSplitIsOneLine()
    {
        string folder = MidiFolder(pieces: 3);

        CliResult eval = Cli.Run("eval", "--data", folder, "--valid-fraction", "0", "--test-fraction", "0.5",
            "--split", "test", "--threshold", "valid", "--threads", "1");

        Assert.Equal(1, eval.ExitCode);
        Assert.Contains("the valid split has no sequence of two steps or more to choose --threshold on", eval.Error,
            StringComparison.Ordinal);
        Assert.Single(eval.Error.Trim().Split('\n'));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A folder of short MIDI pieces, each three steps long and starting on another key.</summary>
    private string MidiFolder(int pieces)
    {
        string folder = _directory.File("midi");
        Directory.CreateDirectory(folder);
        for (int i = 0; i < pieces; i++)
        {
            MidiRollWriter.Write(Path.Combine(folder, $"piece{i}.mid"), PianoRoll.FromPitches([[60 + i], [64], [67]]));
        }

        return folder;
    }
}
