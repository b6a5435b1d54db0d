using System.Text.Json;
using RollNet.Data;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;
using static RollNet.Tests.Data.MidiTestFiles;

namespace RollNet.Tests.Cli;

/// <summary>Every command that reads MIDI says which grid it read on when the grid was not known, and what the grid lost.</summary>
public sealed class CliGridTests : IDisposable
{
    private const string EliseOnQuarters =
        "9 notes on a grid of 1 step a quarter note: 3 merged, 6 run together; shortest note 1/4 quarter; "
        + "a grid of 4 steps a quarter keeps every note";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ConvertReportsWhatTheGridMergedAndAGridThatKeepsEveryNote()
    {
        string elise = Elise(), json = _directory.File("elise.json");

        CliResult result = Cli.Run("convert", elise, json, "--steps-per-quarter", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"wrote {json}: 3 steps", $"{elise}: {EliseOnQuarters}"], Lines(result.Output));
        Assert.Equal("", result.Error);
        Assert.Equal([75, 76], PianoRollJson.Read(json).Roll.PitchesAt(0));
    }

    [Fact]
    public void ConvertOfAFileThatRecordsNoGridSaysWhichItAssumed()
    {
        string elise = Elise(), json = _directory.File("elise.json");

        CliResult result = Cli.Run("convert", elise, json);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"rollnet: {elise}: the file records no grid; read on 2 steps a quarter note, the default "
            + "(--steps-per-quarter chooses another)"], Lines(result.Error));
        Assert.Equal(2, PianoRollJson.Read(json).StepsPerQuarter);
    }

    [Fact]
    public void ConvertReadsAFileRollNetWroteOnTheGridItRecords()
    {
        string midi = _directory.File("chorale.mid"), json = _directory.File("chorale.json");
        MidiRollWriter.Write(midi, PianoRoll.FromPitches([[60, 64, 67], [60, 64, 67], [62, 65, 69]]), stepsPerQuarter: 1);

        CliResult result = Cli.Run("convert", midi, json);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains($"{midi}: 6 notes on a grid of 1 step a quarter note: none merged or run together", result.Output, StringComparison.Ordinal);
        TimedPianoRoll back = PianoRollJson.Read(json);
        Assert.Equal((1, 3), (back.StepsPerQuarter, back.Roll.Steps));
    }

    [Fact]
    public void APrimerIsReadOnTheModelsGridAndWhatThatLostIsTold()
    {
        string elise = Elise(), song = _directory.File("song.mid");

        CliResult result = Cli.Run("generate", "--prime", elise, "--prime-steps", "0", "--steps", "4", "--threads", "1", "--out", song);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"{elise}: {EliseOnQuarters}"], Lines(result.Error));
        Assert.Contains("3 primer and 4 generated steps", result.Output, StringComparison.Ordinal);
        // The song records the bundled model's grid, quarter notes, for whatever reads it next.
        Assert.Equal(1, MidiRollReader.ReadWithReport(song).RecordedStepsPerQuarter);
    }

    [Fact]
    public void StatsOfAGeneratedSongAgainstBachReadsItOnTheGridItWasWrittenOn()
    {
        string song = _directory.File("song.mid");
        Assert.Equal(0, Cli.Run("generate", "--steps", "96", "--seed", "5", "--threads", "1", "--out", song).ExitCode);

        CliResult result = Cli.Run("stats", "jsb:test", song, "--json", "--data-dir", SharedDatasets.Folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        double bach = NoteLength(doc, "a"), generated = NoteLength(doc, "b");
        // Read on eighths, every note of the song would last twice its steps: near 3 against Bach's 1.56.
        Assert.InRange(generated, 0.6 * bach, 1.4 * bach);
        Assert.Equal([$"rollnet: B = {song} has 1 piece: an overlap compares the distributions of two sets' pieces and needs "
            + "at least 10 in each, so these overlaps are not meaningful"], Lines(result.Error));
        Assert.False(doc.RootElement.GetProperty("overlapsMeaningful").GetBoolean());
    }

    [Fact]
    public void AFileThatRecordsNoGridTakesTheGridOfTheDatasetItIsComparedWith()
    {
        string quarters = _directory.File("quarters.mid");
        Write(quarters, 0, 480, [.. Note(1, 60, 0, 480), .. Note(1, 64, 480, 960), .. Note(1, 67, 960, 1440), .. Note(1, 72, 1440, 1920)]);

        CliResult compared = Cli.Run("stats", quarters, "jsb:test", "--json", "--data-dir", SharedDatasets.Folder);
        CliResult alone = Cli.Run("stats", quarters, "--json");

        Assert.True(compared.ExitCode == 0, compared.ToString());
        using (JsonDocument doc = JsonDocument.Parse(compared.Output))
        {
            Assert.Equal(1.0, NoteLength(doc, "a"));
        }

        Assert.DoesNotContain("grid", compared.Error, StringComparison.Ordinal);
        Assert.True(alone.ExitCode == 0, alone.ToString());
        using (JsonDocument doc = JsonDocument.Parse(alone.Output))
        {
            Assert.Equal(2.0, doc.RootElement.GetProperty("meanOfPieces").GetProperty("noteLength").GetDouble());
        }

        Assert.Equal([$"rollnet: {quarters}: the file records no grid; read on 2 steps a quarter note, the default "
            + "(--steps-per-quarter chooses another)"], Lines(alone.Error));
    }

    [Fact]
    public void SetsOnDifferentGridsAreSaidNotToCompare()
    {
        string eighths = _directory.File("eighths.mid");
        MidiRollWriter.Write(eighths, PianoRoll.FromPitches([[60, 64], [60, 64], [62, 65]]), stepsPerQuarter: 2);

        CliResult result = Cli.Run("stats", "jsb:test", eighths, "--data-dir", SharedDatasets.Folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"rollnet: A = jsb:test is on a grid of 1 step a quarter note and B = {eighths} on 2 steps: note lengths "
            + "in steps do not compare"], Lines(result.Error));
    }

    [Fact]
    public void FewerPiecesThanADistributionNeedsAreSaidOnTheirOwnLineAndAFullSplitIsNot()
    {
        string song = _directory.File("song.mid");
        MidiRollWriter.Write(song, PianoRoll.FromPitches([[60, 64, 67], [60, 64, 67], [62, 65, 69]]), stepsPerQuarter: 1);

        CliResult one = Cli.Run("stats", "jsb:test", song, "--data-dir", SharedDatasets.Folder);
        CliResult full = Cli.Run("stats", "jsb:test", "jsb:valid", "--data-dir", SharedDatasets.Folder);

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains($"B = {song} has 1 piece: an overlap compares the distributions of two sets' pieces and needs at least 10 "
            + "in each, so these overlaps are not meaningful", Lines(one.Output));
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.DoesNotContain("not meaningful", full.Output + full.Error, StringComparison.Ordinal);
        Assert.Equal("", full.Error);
        CliResult fullJson = Cli.Run("stats", "jsb:test", "jsb:valid", "--json", "--data-dir", SharedDatasets.Folder);
        using JsonDocument doc = JsonDocument.Parse(fullJson.Output);
        Assert.True(doc.RootElement.GetProperty("overlapsMeaningful").GetBoolean());
    }

    private static double NoteLength(JsonDocument doc, string set) =>
        doc.RootElement.GetProperty(set).GetProperty("meanOfPieces").GetProperty("noteLength").GetDouble();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Für Elise's opening as a score program writes it, recording no grid.</summary>
    private string Elise()
    {
        string path = _directory.File("elise.mid");
        Write(path, 0, 480, FurEliseOpening());
        return path;
    }
}
