using RollNet.Audio;
using RollNet.Data;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>
/// <c>rollnet convert</c> of a dataset's pieces, to hear, see and edit the music a model learns from, and a piece named
/// where a set of pieces is taken.
/// </summary>
public sealed class CliConvertTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // JSB Chorales is on a grid of quarter notes: the piece keeps it in every form.
    [Fact]
    public void APieceOfADatasetIsWrittenOnItsGrid()
    {
        PianoRoll bach = DatasetCatalog.Load(SharedDatasets.Folder, "jsb").Test[3];
        string midi = _directory.File("bach.mid"), json = _directory.File("bach.json");

        CliResult toMidi = Convert("jsb:test:3", midi);
        CliResult toJson = Convert("jsb:test:3", json);

        Assert.True(toMidi.ExitCode == 0, toMidi.ToString());
        Assert.Equal($"wrote {midi}: {bach.Steps} steps, 1 step a quarter note", toMidi.Output.Trim());
        Assert.Empty(toMidi.Error);
        MidiRollReading read = MidiRollReader.ReadWithReport(midi);
        Assert.Equal(1, read.RecordedStepsPerQuarter);
        Assert.True(bach.ContentEquals(read.Roll));
        Assert.True(toJson.ExitCode == 0, toJson.ToString());
        TimedPianoRoll fromJson = PianoRollJson.Read(json);
        Assert.Equal(1, fromJson.StepsPerQuarter);
        Assert.True(bach.ContentEquals(fromJson.Roll));
    }

    // The bytes are those the built-in piano writes for the same roll, grid and tempo.
    [Fact]
    public void APieceIsPlayedIntoAWavFileAtTheTempoGiven()
    {
        PianoRoll bach = DatasetCatalog.Load(SharedDatasets.Folder, "jsb").Test[3];
        string wav = _directory.File("bach.wav"), expected = _directory.File("expected.wav");

        CliResult result = Convert("jsb:test:3", wav, "--tempo", "80");

        Assert.True(result.ExitCode == 0, result.ToString());
        PianoSynthesizer.Write(expected, bach, stepsPerQuarter: 1, beatsPerMinute: 80);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(wav));
    }

    [Fact]
    public void AMidiFileIsWrittenAtTheTempoGiven()
    {
        string json = _directory.File("a.json"), midi = _directory.File("a.mid"), expected = _directory.File("expected.mid");
        File.WriteAllText(json, """{"stepsPerQuarter": 2, "frames": [[60, 64], [60, 64], [], [67]]}""");

        Assert.Equal(0, Cli.Run("convert", json, midi, "--tempo", "72").ExitCode);

        MidiRollWriter.Write(expected, PianoRollJson.Read(json).Roll, stepsPerQuarter: 2, beatsPerMinute: 72);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(midi));
    }

    // --top-voice keeps a file's melody as it keeps a dataset's.
    [Fact]
    public void TheTopVoiceOfAFileIsItsMelody()
    {
        string json = _directory.File("a.json"), melody = _directory.File("melody.json");
        File.WriteAllText(json, """{"stepsPerQuarter": 2, "frames": [[60, 64], [48, 60, 67], [], [67]]}""");

        Assert.Equal(0, Cli.Run("convert", json, melody, "--top-voice").ExitCode);

        Assert.Equal([[64], [67], [], [67]], Enumerable.Range(0, 4).Select(t => PianoRollJson.Read(melody).Roll.PitchesAt(t)));
    }

    // A pickle under a name of its own records no grid: the default, said on stderr, or the one given.
    [Fact]
    public void AWholeSplitIsWrittenIntoAFolderAPieceAFile()
    {
        string pickle = SharedDatasets.File("jsb_tiny.pickle"), folder = _directory.File("valid"), finer = _directory.File("finer");
        PianoRollDataset tiny = PickleDatasetReader.Read(pickle);

        CliResult result = Convert($"{pickle}:valid", folder);
        CliResult onGrid = Convert($"{pickle}:valid", finer, "--steps-per-quarter", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"wrote 2 pieces of {pickle}:valid into {folder}, 2 steps a quarter note", result.Output.Trim());
        Assert.Equal($"rollnet: {pickle}: the dataset records no grid; read on 2 steps a quarter note, the default "
            + "(--steps-per-quarter chooses another)", result.Error.Trim());
        Assert.Equal(["000.mid", "001.mid"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int i = 0; i < tiny.Valid.Count; i++)
        {
            MidiRollReading read = MidiRollReader.ReadWithReport(Path.Combine(folder, $"{i:000}.mid"));
            Assert.Equal(2, read.RecordedStepsPerQuarter);
            Assert.True(tiny.Valid[i].ContentEquals(read.Roll), $"piece {i}");
        }

        Assert.True(onGrid.ExitCode == 0, onGrid.ToString());
        Assert.Empty(onGrid.Error);
        Assert.Equal(4, MidiRollReader.ReadWithReport(Path.Combine(finer, "001.mid")).RecordedStepsPerQuarter);
    }

    // stats takes one piece as a set of one.
    [Fact]
    public void StatsTakesOnePiece()
    {
        CliResult result = Cli.Run("stats", "jsb:test:3", "--data-dir", SharedDatasets.Folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("jsb:test:3: 1 piece, 39 frames, 90 notes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void APiecePastItsSplitIsOneLineNamingTheDataset() => Cli.AssertExactError(
        $"convert jsb:test:77 {_directory.File("a.mid")} --data-dir {SharedDatasets.Folder}",
        $"{Path.Combine(SharedDatasets.Folder, "jsb_chorales.pickle")}: piece 77 is past the 77 pieces of its test split");

    [Fact]
    public void ASplitMistypedIsOneLineNamingTheSplits() => Cli.AssertExactError(
        $"convert jsb:tset:1 {_directory.File("a.mid")}",
        "jsb:tset:1: no such file, nor a split of a dataset (jsb:test) or a piece of one (jsb:test:3): the splits are train, valid and test");

    [Fact]
    public void ASplitIsNotWrittenOverAFile()
    {
        string file = _directory.File("taken");
        File.WriteAllText(file, "kept");

        Cli.AssertExactError($"convert {SharedDatasets.File("jsb_tiny.pickle")}:test {file}",
            $"{file}: a file, not a folder to write a split's pieces into");
        Assert.Equal("kept", File.ReadAllText(file));
    }

    private static CliResult Convert(string from, string to, params string[] options) =>
        Cli.Run(["convert", from, to, "--data-dir", SharedDatasets.Folder, .. options]);
}
