using System.Globalization;
using System.Text.RegularExpressions;
using RollNet.Data;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary><c>rollnet harmonize</c> and <c>rollnet fill</c> with the bundled model: what they keep, and what they refuse.</summary>
public sealed class CliConditionalTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void HarmonizeKeepsTheMelodyAsTheTopVoiceAndDrawsVoicesBeneath()
    {
        PianoRoll melody = Melody(16);
        string input = _directory.File("melody.json"), output = _directory.File("out.json");
        PianoRollJson.Write(input, melody, 1);

        CliResult result = Cli.Run("harmonize", "--melody", input, "--particles", "16", "--threads", "1",
            "--out", _directory.File("out.mid"), "--json", output, "--png", _directory.File("out.png"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("16 steps harmonized beneath the melody of melody.json", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"drew 16 steps with 16 particles in [0-9.]+ s \(\d+ resamplings?\): [0-9.]+ nats a step", result.Output);
        PianoRoll harmony = PianoRollJson.Read(output).Roll;
        int voicesBeneath = 0;
        for (int t = 0; t < melody.Steps; t++)
        {
            int top = melody.PitchesAt(t).Max();
            Assert.Equal(top, harmony.PitchesAt(t).Max());
            voicesBeneath += harmony.PitchesAt(t).Length - 1;
        }

        Assert.True(voicesBeneath >= melody.Steps, $"only {voicesBeneath} notes beneath the melody in {melody.Steps} steps");
    }

    [Fact]
    public void FillRewritesTheSpanAndKeepsEverythingAround()
    {
        string input = _directory.File("song.json"), output = _directory.File("filled.json");
        Assert.Equal(0, Cli.Run("generate", "--steps", "24", "--seed", "3", "--threads", "1", "--out", _directory.File("song.mid"),
            "--json", input).ExitCode);

        CliResult result = Cli.Run("fill", "--roll", input, "--from", "8", "--to", "16", "--particles", "16", "--threads", "1",
            "--out", _directory.File("filled.mid"), "--json", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("steps 8 to 15 of song.json filled in", result.Output, StringComparison.Ordinal);
        PianoRoll before = PianoRollJson.Read(input).Roll, after = PianoRollJson.Read(output).Roll;
        Assert.Equal(before.Steps, after.Steps);
        Assert.True(before.Slice(0, 8).ContentEquals(after.Slice(0, 8)));
        Assert.True(before.Slice(16, 8).ContentEquals(after.Slice(16, 8)));
    }

    // A dataset's piece is taken as a file would be, on its dataset's grid: Bach's melody harmonized, a gap in his chorale filled.
    [Fact]
    public void APieceOfADatasetIsHarmonizedOrFilledInAsAFileWouldBe()
    {
        PianoRoll bach = DatasetCatalog.Load(SharedDatasets.Folder, "jsb").Test[3];
        string harmonized = _directory.File("harmonized.json"), filled = _directory.File("filled.json");

        CliResult harmonize = Cli.Run("harmonize", "--melody", "jsb:test:3", "--data-dir", SharedDatasets.Folder, "--particles", "4",
            "--threads", "1", "--out", _directory.File("harmonized.mid"), "--json", harmonized);
        CliResult fill = Cli.Run("fill", "--roll", "jsb:test:3", "--data-dir", SharedDatasets.Folder, "--from", "8", "--to", "16",
            "--particles", "4", "--threads", "1", "--out", _directory.File("filled.mid"), "--json", filled);

        Assert.True(harmonize.ExitCode == 0, harmonize.ToString());
        Assert.Contains($"{bach.Steps} steps harmonized beneath the melody of jsb:test:3, 1 step a quarter note", harmonize.Output,
            StringComparison.Ordinal);
        PianoRoll harmony = PianoRollJson.Read(harmonized).Roll;
        Assert.All(Enumerable.Range(0, bach.Steps), t => Assert.Equal(bach.PitchesAt(t).Max(), harmony.PitchesAt(t).Max()));
        Assert.True(fill.ExitCode == 0, fill.ToString());
        PianoRoll after = PianoRollJson.Read(filled).Roll;
        Assert.True(bach.Slice(0, 8).ContentEquals(after.Slice(0, 8)));
        Assert.True(bach.Slice(16, bach.Steps - 16).ContentEquals(after.Slice(16, bach.Steps - 16)));
    }

    // The piano model learnt eighth notes and JSB Chorales is on quarters: said, as for a JSON roll on another grid.
    [Fact]
    public void APieceOnAnotherGridThanTheModelsIsTold()
    {
        CliResult result = Cli.Run("harmonize", "--model", "piano", "--melody", "jsb:test:3", "--data-dir", SharedDatasets.Folder,
            "--particles", "4", "--threads", "1", "--out", _directory.File("h.mid"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("rollnet: jsb:test:3: its grid of 1 step a quarter note is not the model's (2); the model takes its steps for its own",
            result.Error.Trim());
    }

    [Fact]
    public void APiecePastItsSplitIsOneLine() => Cli.AssertOneLineError(
        ["harmonize", "--melody", "jsb:test:77", "--data-dir", SharedDatasets.Folder, "--out", _directory.File("h.mid")],
        "piece 77 is past the 77 pieces of its test split");

    [Fact]
    public void AMelodyWithoutANoteIsOneLineNamingIt()
    {
        string input = _directory.File("silent.json");
        PianoRollJson.Write(input, new PianoRoll(8), 1);
        Cli.AssertOneLineError(["harmonize", "--melody", input, "--out", _directory.File("x.mid")], "silent.json: holds no note to harmonize");
    }

    [Theory]
    [InlineData("8", "4", "--from 8 must come before --to 4")]
    [InlineData("4", "4", "--from 4 must come before --to 4")]
    [InlineData("4", "99", "song.json: --to 99 is past its 16 steps")]
    public void ASpanOutsideTheRollIsOneLine(string from, string to, string expected)
    {
        string input = _directory.File("song.json");
        PianoRollJson.Write(input, Melody(16), 1);
        Cli.AssertOneLineError(["fill", "--roll", input, "--from", from, "--to", to, "--out", _directory.File("x.mid")], expected);
    }

    [Theory]
    [InlineData("0", "--particles")]
    [InlineData("5000", "--particles")]
    [InlineData("2048", "particle-steps")]
    public void ParticlesOutOfRangeAreOneLine(string particles, string expected)
    {
        string input = _directory.File("long.json");
        PianoRollJson.Write(input, Melody(4096), 1);
        Cli.AssertOneLineError(["harmonize", "--melody", input, "--particles", particles, "--out", _directory.File("x.mid")], expected);
    }

    [Fact]
    public void HarmonizingASetWritesEveryPieceAndMeasuresTheOriginals()
    {
        string folder = _directory.File("harmonized");

        CliResult result = Cli.Run("harmonize", "--melody", SharedDatasets.File("jsb_tiny.pickle") + ":test", "--particles", "4",
            "--threads", "1", "--out-dir", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] files = Directory.GetFiles(folder, "*.mid");
        Assert.NotEmpty(files);
        Assert.Matches($@"drew [0-9,]+ steps of {files.Length} pieces of .*jsb_tiny\.pickle:test into .* with 4 particles", result.Output);
        Assert.Contains($"every held key kept in {files.Length} of {files.Length} pieces", result.Output, StringComparison.Ordinal);
        Match nats = Regex.Match(result.Output, @"nats a step: ([0-9.]+) given every held key \(estimated\), ([0-9.]+) given only");
        Assert.True(nats.Success, result.Output);
        Assert.True(double.Parse(nats.Groups[1].Value, CultureInfo.InvariantCulture) < double.Parse(nats.Groups[2].Value, CultureInfo.InvariantCulture),
            "the melody should make the voices beneath it more likely");
        Assert.Matches(@"steps whose pitch classes are the original's: [0-9.]+ % of", result.Output);
    }

    // The pieces of a folder were written as 000.mid, 001.mid…, which did not say which melody each harmonized.
    [Fact]
    public void AFolderOfMelodiesIsHarmonizedIntoFilesNamedAfterThem()
    {
        string melodies = _directory.File("melodies"), folder = _directory.File("harmonized");
        Directory.CreateDirectory(Path.Combine(melodies, "more"));
        PianoRollJson.Write(Path.Combine(melodies, "air.json"), Melody(8), 1);
        MidiRollWriter.Write(Path.Combine(melodies, "more", "round.mid"), Melody(6), 1);
        PianoRollJson.Write(Path.Combine(melodies, "silent.json"), new PianoRoll(4), 1);

        CliResult result = Cli.Run("harmonize", "--melody", melodies, "--particles", "4", "--threads", "1", "--out-dir", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["000 air.mid", "001 round.mid"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"rollnet: skipped {Path.Combine(melodies, "silent.json")}: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASetNeedsAFolderAndAFileAMidiFileToWrite()
    {
        string input = _directory.File("melody.json");
        PianoRollJson.Write(input, Melody(8), 1);
        Cli.AssertOneLineError(["harmonize", "--melody", "jsb:test", "--out", _directory.File("x.mid")], "give --out-dir");
        Cli.AssertOneLineError(["fill", "--roll", input, "--from", "1", "--to", "2", "--out-dir", _directory.File("d")], "give --out");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A soprano line around C5 that moves by step.</summary>
    private static PianoRoll Melody(int steps)
    {
        int[] line = [72, 74, 76, 77, 76, 74, 72, 71];
        var roll = new PianoRoll(steps);
        for (int t = 0; t < steps; t++)
        {
            roll[t, line[t % line.Length] - PianoRoll.LowestPitch] = true;
        }

        return roll;
    }
}
