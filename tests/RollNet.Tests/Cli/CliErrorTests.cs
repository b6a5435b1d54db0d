using System.CommandLine;
using System.Runtime.InteropServices;
using RollNet.Cli.Commands;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void AMissingDataFileIsOneLineNamingIt() =>
        Cli.AssertOneLineError(["train", "--data", _directory.File("absent.pickle"), "--out", _directory.File("run")],
            "absent.pickle: no such file or folder");

    [Theory]
    [InlineData("harmonize", "Option '--melody' is required.")]
    [InlineData("fill", "Option '--roll' is required.; Option '--from' is required.; Option '--to' is required.")]
    public void ARequiredOptionLeftOutIsNamedRatherThanWhatItWouldHaveDecided(string command, string expected) =>
        Cli.AssertOneLineError([command, "--out", _directory.File("x.mid")], $"rollnet: {expected}");

    [Theory]
    [InlineData("convert", "--threads", "1")]
    [InlineData("stats", "--threads", "1")]
    [InlineData("data stats", "--threads", "1")]
    [InlineData("convert", "song.mid", "--threads")]
    public void AnOptionACommandLacksIsNamedRatherThanReadAsAFile(string command, string first, string second) =>
        Cli.AssertOneLineError([.. command.Split(' '), first, second], $"rollnet: {command} has no option --threads");

    [Theory]
    [InlineData("--data-dir")]
    [InlineData("ROLLNET_SHARED")]
    public void ADatasetNameNotFoundSaysHowToPointAtTheDatasets(string hint) =>
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--data-dir", _directory.Path], hint);

    [Theory]
    [InlineData("--nade-hidden", "0")]
    [InlineData("--nade-hidden", "-3")]
    [InlineData("--nade-hidden", "100000")]
    [InlineData("--head", "choir")]
    public void AHeadOptionOutOfRangeIsOneLineNamingIt(string option, string value) =>
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--head", "nade", option, value,
            "--out", _directory.File("run")], option);

    // Adam moves each weight by about the learning rate an update, so the first update carries them past what a
    // checkpoint holds while the saturated gates keep the loss finite.
    [Fact]
    public void ALearningRateThatCarriesTheModelBeyondWhatACheckpointHoldsIsOneLineSayingSo()
    {
        string run = _directory.File("run");
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--layers", "1", "--hidden", "4",
            "--lr", "1e9", "--epochs", "2", "--out", run],
            $"the model diverged by update 1: parameter lstm0.w holds ");
        Assert.Empty(Directory.GetFiles(run, "*.rollnet"));
    }

    [Fact]
    public void ACorruptPickleIsOneLineNamingIt()
    {
        string path = _directory.File("broken.pickle");
        File.WriteAllBytes(path, [0x80, 0x02, 0x7D]);
        Cli.AssertOneLineError(["data", "stats", path], "broken.pickle: ");
    }

    [Fact]
    public void ACorruptCheckpointIsOneLineNamingIt()
    {
        string path = _directory.File("model.rollnet");
        File.WriteAllText(path, "not a model");
        Cli.AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: not a RollNet checkpoint");
        Cli.AssertOneLineError(["eval", "--model", path, "--data", SharedDatasets.File("jsb_tiny.pickle")],
            "model.rollnet: not a RollNet checkpoint");
    }

    [Fact]
    public void ACheckpointWithAnUnknownOptimizerIsOneLineNamingIt()
    {
        byte[] bundled = File.ReadAllBytes(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        string header = CheckpointBytes.Header(bundled);
        Assert.Contains("\"optimizer\":\"adam\"", header, StringComparison.Ordinal);
        string path = _directory.File("model.rollnet");
        File.WriteAllBytes(path, CheckpointBytes.WithHeader(bundled,
            header.Replace("\"optimizer\":\"adam\"", "\"optimizer\":\"adamw\"", StringComparison.Ordinal)));

        Cli.AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: unknown optimizer \"adamw\"");
    }

    [Fact]
    public void ACorruptMidiFileIsOneLineNamingIt()
    {
        string path = _directory.File("song.mid");
        File.WriteAllText(path, "MThd but not really");
        Cli.AssertOneLineError(["convert", path, _directory.File("song.json")], "song.mid: ");
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ARollTooLongForMidiIsOneLineNamingTheFileAndWritesNothing()
    {
        string json = _directory.File("long.json"), midi = _directory.File("long.mid");
        File.WriteAllText(json, $"{{\"stepsPerQuarter\":1,\"frames\":[[60]{string.Concat(Enumerable.Repeat(",[]", 600_000))}]}}");

        Cli.AssertOneLineError(["convert", json, midi],
            $"{midi}: a roll of 600,001 steps is longer than a MIDI file can time at 1 per quarter note (at most 559,240 steps)");
        Assert.False(File.Exists(midi));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void AMidiFileWithoutNotesIsRefusedAsAPrimerOrForConversion()
    {
        // Only a drum note (channel 10) and a tempo: nothing on the piano's keys.
        string silent = _directory.File("drums.mid");
        MidiTestFiles.Write(silent, 0, 480, [MidiTestFiles.Tempo(100, 0), .. MidiTestFiles.Note(10, 36, 0, 480)]);

        Cli.AssertOneLineError(["convert", silent, _directory.File("drums.json")],
            $"{silent}: no notes on the piano's keys outside the drum channel");
        Cli.AssertOneLineError(["generate", "--prime", silent, "--steps", "4", "--out", _directory.File("song.mid")],
            $"{silent}: no notes on the piano's keys outside the drum channel");
        Assert.False(File.Exists(_directory.File("drums.json")));
        Assert.False(File.Exists(_directory.File("song.mid")));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void BadOptionValuesAreOneLine()
    {
        Cli.AssertOneLineError(["train", "--data", "jsb", "--hidden", "0", "--out", _directory.File("run")], "--hidden must be at least 1");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--hidden", "100000", "--out", _directory.File("run")], "--hidden must be at least 1 and below 16385");
        Cli.AssertOneLineError(["piano", "--port", "70000"], "--port must be at least 0 and below 65536");
        Cli.AssertOneLineError(["generate", "--steps", "100000000", "--out", _directory.File("s.mid")], "--steps must be at least 1 and below 100001");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("song.txt")], "--out must be a .mid or .midi file");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("s.mid"), "--json", _directory.File("s.txt")], "--json must be a .json file");
        Cli.AssertOneLineError(["generate", "--out", _directory.File("s.mid"), "--wav", _directory.File("s.mp3")], "--wav must be a .wav file");
        Assert.Empty(Directory.GetFiles(_directory.Path, "s.*").Concat(Directory.GetFiles(_directory.Path, "song.*")));
        Cli.AssertOneLineError(["train", "--data", "jsb", "--layers", "10000000", "--out", _directory.File("run")], "--layers must be at least 1 and below 65");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--dropout", "1", "--out", _directory.File("run")], "--dropout must be");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--lr", "abc", "--out", _directory.File("run")], "abc");
        Cli.AssertOneLineError(["eval", "--model", "m", "--data", "jsb", "--split", "dev"], "dev");
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--threshold", "1"], "--threshold must be a probability between 0 and 1");
        Cli.AssertOneLineError(["eval", "--data", "jsb", "--threshold", "best"], "--threshold must be a probability between 0 and 1");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--output-bias", "prior", "--out", _directory.File("run")], "prior");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--transpose", "88", "--out", _directory.File("run")], "--transpose must be at least 0 and below 88");
        Cli.AssertOneLineError(["train", "--data", "jsb"], "--out");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-parallel-bias", "--out", _directory.File("run")],
            "--nade-parallel-bias needs --head nade --nade-order outsidein");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-split", "74", "--out", _directory.File("run")],
            "--nade-split needs --head nade --nade-order outsidein");
        Cli.AssertOneLineError(["train", "--data", "jsb", "--head", "nade", "--nade-order", "outsidein", "--nade-split", "200", "--out",
            _directory.File("run")],
            "--nade-split must be at most 108");
        Cli.AssertOneLineError(["convert", _directory.File("a.json"), _directory.File("b.txt")], "a.json: no such file");
        Cli.AssertOneLineError(["frobnicate"], "frobnicate");
    }

    [Fact]
    public void ResumingWhereNothingWasTrainedIsOneLine() =>
        Cli.AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--hidden", "8", "--resume",
            "--out", _directory.File("run")], "last.rollnet: no checkpoint to resume from");

    [Fact]
    public void APictureLibraryThatWillNotLoadIsOneLineNamingItAndTheToolsPlatforms()
    {
        // What SkiaSharp throws where the tool carries no native library: the loader's many lines inside a type initializer.
        var command = new RootCommand();
        command.SetAction(parse => CommandAction.Run(parse, (_, _) => throw new TypeInitializationException("SkiaSharp.SKImageInfo",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies.\n/a/libSkiaSharp.so: cannot open\n"))));
        using StringWriter output = new(), error = new();

        int exitCode = command.Parse([]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exitCode);
        Assert.Equal("rollnet: cannot load libSkiaSharp or one of its dependencies on "
            + $"{RuntimeInformation.RuntimeIdentifier}; "
            + "rollnet carries its picture libraries for linux-x64, linux-arm64, win-x64, win-arm64, osx only",
            error.ToString().TrimEnd());
    }

    public void Dispose() => _directory.Dispose();
}
