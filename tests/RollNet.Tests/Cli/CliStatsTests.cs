using System.Text.Json;
using RollNet.Data;
using RollNet.Music;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Rendering;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliStatsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void StatsOfADatasetPrintTheTableAndTheDistributions()
    {
        CliResult all = Cli.Run("stats", SharedDatasets.File("jsb_tiny.pickle"));
        CliResult test = Cli.Run("stats", SharedDatasets.File("jsb_tiny.pickle") + ":test");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("7 pieces", all.Output, StringComparison.Ordinal);
        Assert.Contains("triad or seventh", all.Output, StringComparison.Ordinal);
        Assert.Contains("pitch classes: C ", all.Output, StringComparison.Ordinal);
        Assert.Contains("key (all pieces): C major", all.Output, StringComparison.Ordinal);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains(":test: 2 pieces, 145 frames", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoMidiFilesAreComparedFeatureByFeature()
    {
        (string chords, string clashes) = WriteTwoSongs();

        CliResult result = Cli.Run("stats", chords, clashes);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("overlap", result.Output, StringComparison.Ordinal);
        Assert.Contains("semitone clash", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonParsesAndHoldsEveryFeature()
    {
        (string chords, string clashes) = WriteTwoSongs();

        CliResult one = Cli.Run("stats", chords, "--json");
        CliResult two = Cli.Run("stats", chords, clashes, "--json");

        Assert.True(one.ExitCode == 0, one.ToString());
        using (JsonDocument doc = JsonDocument.Parse(one.Output))
        {
            JsonElement root = doc.RootElement;
            Assert.Equal(1, root.GetProperty("pieces").GetInt32());
            Assert.Equal("C major", root.GetProperty("key").GetString());
            Assert.Equal(1.0, root.GetProperty("all").GetProperty("chords").GetDouble());
            Assert.Equal(12, root.GetProperty("pitchClassHistogram").GetArrayLength());
        }

        Assert.True(two.ExitCode == 0, two.ToString());
        using (JsonDocument doc = JsonDocument.Parse(two.Output))
        {
            JsonElement comparison = doc.RootElement.GetProperty("comparison");
            Assert.Equal(MusicFeatures.All.Count, comparison.GetArrayLength());
            JsonElement clash = comparison.EnumerateArray().Single(c => c.GetProperty("feature").GetString() == "clashes");
            Assert.Equal(0.0, clash.GetProperty("meanA").GetDouble());
            Assert.Equal(1.0, clash.GetProperty("meanB").GetDouble());
            Assert.Equal(1.0, doc.RootElement.GetProperty("b").GetProperty("all").GetProperty("clashes").GetDouble());
        }
    }

    [Fact]
    public void PngDrawsTheDistributions()
    {
        (string chords, string clashes) = WriteTwoSongs();
        string png = _directory.File("stats.png");

        CliResult result = Cli.Run("stats", SharedDatasets.File("jsb_tiny.pickle") + ":train", _directory.Path, "--png", png, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Three panels a row, 420×280 each.
        Assert.Equal((1260, 280 * ((MusicFeatures.All.Count + 2) / 3)), Png.Size(png));
        using JsonDocument doc = JsonDocument.Parse(result.Output); // the JSON alone on stdout
        Assert.Equal(2, doc.RootElement.GetProperty("b").GetProperty("pieces").GetInt32());
        Assert.True(File.Exists(chords) && File.Exists(clashes));
    }

    [Fact]
    public void BadInputIsOneLineNamingIt()
    {
        Cli.AssertOneLineError(["stats", _directory.File("absent.mid")], "absent.mid: no such file or folder");
        Cli.AssertOneLineError(["stats", SharedDatasets.File("jsb_tiny.pickle"), _directory.File("absent")], "absent: no such file");
        Cli.AssertOneLineError(["stats", _directory.Path], ": no .mid, .midi or .json file");
        // A file that records no grid is read on the default, but a set that cannot be read keeps the error alone.
        string unrecorded = _directory.File("unrecorded.mid");
        MidiTestFiles.Write(unrecorded, 0, 480, MidiTestFiles.Note(1, 60, 0, 480));
        Cli.AssertOneLineError(["stats", unrecorded, _directory.File("absent")], "absent: no such file");
        string corrupt = _directory.File("song.mid");
        File.WriteAllText(corrupt, "MThd but not really");
        Cli.AssertOneLineError(["stats", corrupt], "song.mid: ");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A C major song of chords only, and a song of semitone clashes only.</summary>
    private (string Chords, string Clashes) WriteTwoSongs()
    {
        string chords = _directory.File("chords.mid"), clashes = _directory.File("clashes.mid");
        MidiRollWriter.Write(chords, PianoRoll.FromPitches([[60, 64, 67], [60, 64, 67], [53, 65, 69, 72], [55, 59, 62, 67], [48, 60, 64, 67]]));
        MidiRollWriter.Write(clashes, PianoRoll.FromPitches([[60, 61], [62, 63], [], [64, 65, 70]]));
        return (chords, clashes);
    }
}
