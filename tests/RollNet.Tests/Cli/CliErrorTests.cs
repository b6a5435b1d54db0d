using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void AMissingDataFileIsOneLineNamingIt() =>
        AssertOneLineError(["train", "--data", _directory.File("absent.pickle"), "--out", _directory.File("run")],
            "absent.pickle: no such file or folder");

    [Theory]
    [InlineData("--nade-hidden", "0")]
    [InlineData("--nade-hidden", "-3")]
    [InlineData("--nade-hidden", "100000")]
    [InlineData("--head", "choir")]
    public void AHeadOptionOutOfRangeIsOneLineNamingIt(string option, string value) =>
        AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--head", "nade", option, value,
            "--out", _directory.File("run")], option);

    [Fact]
    public void ACorruptPickleIsOneLineNamingIt()
    {
        string path = _directory.File("broken.pickle");
        File.WriteAllBytes(path, [0x80, 0x02, 0x7D]);
        AssertOneLineError(["data", "stats", path], "broken.pickle: ");
    }

    [Fact]
    public void ACorruptCheckpointIsOneLineNamingIt()
    {
        string path = _directory.File("model.rollnet");
        File.WriteAllText(path, "not a model");
        AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: not a RollNet checkpoint");
        AssertOneLineError(["eval", "--model", path, "--data", SharedDatasets.File("jsb_tiny.pickle")],
            "model.rollnet: not a RollNet checkpoint");
    }

    [Fact]
    public void ACheckpointWithAnUnknownOptimizerIsOneLineNamingIt()
    {
        byte[] bundled = File.ReadAllBytes(Repository.Path("src", "RollNet.Cli", "Models", "default.rollnet"));
        string header = CheckpointBytes.Header(bundled);
        Assert.Contains("\"optimizer\":\"adam\"", header, StringComparison.Ordinal);
        string path = _directory.File("model.rollnet");
        File.WriteAllBytes(path, CheckpointBytes.WithHeader(bundled,
            header.Replace("\"optimizer\":\"adam\"", "\"optimizer\":\"adamw\"", StringComparison.Ordinal)));

        AssertOneLineError(["generate", "--model", path, "--out", _directory.File("song.mid")],
            "model.rollnet: unknown optimizer \"adamw\"");
    }

    [Fact]
    public void ACorruptMidiFileIsOneLineNamingIt()
    {
        string path = _directory.File("song.mid");
        File.WriteAllText(path, "MThd but not really");
        AssertOneLineError(["convert", path, _directory.File("song.json")], "song.mid: ");
    }

    [Fact]
    public void BadOptionValuesAreOneLine()
    {
        AssertOneLineError(["train", "--data", "jsb", "--hidden", "0", "--out", _directory.File("run")], "--hidden must be at least 1");
        AssertOneLineError(["train", "--data", "jsb", "--dropout", "1", "--out", _directory.File("run")], "--dropout must be");
        AssertOneLineError(["train", "--data", "jsb", "--lr", "abc", "--out", _directory.File("run")], "abc");
        AssertOneLineError(["eval", "--model", "m", "--data", "jsb", "--split", "dev"], "dev");
        AssertOneLineError(["eval", "--data", "jsb", "--threshold", "1"], "--threshold must be a probability between 0 and 1");
        AssertOneLineError(["eval", "--data", "jsb", "--threshold", "best"], "--threshold must be a probability between 0 and 1");
        AssertOneLineError(["train", "--data", "jsb", "--output-bias", "prior", "--out", _directory.File("run")], "prior");
        AssertOneLineError(["train", "--data", "jsb", "--transpose", "88", "--out", _directory.File("run")], "--transpose must be at least 0 and below 88");
        AssertOneLineError(["train", "--data", "jsb"], "--out");
        AssertOneLineError(["convert", _directory.File("a.json"), _directory.File("b.txt")], "a.json: no such file");
        AssertOneLineError(["frobnicate"], "frobnicate");
    }

    [Fact]
    public void ResumingWhereNothingWasTrainedIsOneLine() =>
        AssertOneLineError(["train", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--hidden", "8", "--resume",
            "--out", _directory.File("run")], "last.rollnet: no checkpoint to resume from");

    public void Dispose() => _directory.Dispose();

    private static void AssertOneLineError(string[] args, string expected)
    {
        CliResult result = Cli.Run(args);

        Assert.True(result.ExitCode != 0, result.ToString());
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("rollnet: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }
}
