using System.Text;
using RollNet.Model;
using RollNet.Tests.Hostile;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>Files that once ended in a stack trace, a NaN or a misnamed error: each is now one line naming the file.</summary>
[Trait("Category", "Hostile")]
public sealed class CliHostileFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ARollTooLongForOnePictureIsRefusedNamingThePicture()
    {
        // 559,240 steps at 2 pixels each: a picture over a million pixels wide, which the PNG encoder refuses.
        string json = _directory.File("long.json"), png = _directory.File("long.png");
        File.WriteAllText(json, $"{{\"stepsPerQuarter\":1,\"frames\":[[60]{string.Concat(Enumerable.Repeat(",[]", 559_239))}]}}");

        Cli.AssertOneLineError(["convert", json, png], $"{png}: a roll of 559,240 steps at 2 pixels a step would make a picture of 1,118,516 × 368 pixels");
        Assert.False(File.Exists(png));
    }

    [Theory]
    [InlineData(".mid")]
    [InlineData(".png")]
    [InlineData(".json")]
    public void AGridFinerThanAFileCanHoldIsRefusedNamingTheRoll(string extension)
    {
        string json = _directory.File("fine.json"), output = _directory.File("fine-out" + extension);
        File.WriteAllText(json, """{"stepsPerQuarter":2147483647,"frames":[[60],[64]]}""");

        Cli.AssertOneLineError(["convert", json, output], $"{json}: stepsPerQuarter must be 1 to 480 but is 2147483647");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ARollWithAByteOrderMarkIsConverted()
    {
        string json = _directory.File("marked.json"), midi = _directory.File("marked.mid");
        File.WriteAllBytes(json, [.. Encoding.UTF8.Preamble, .. """{"stepsPerQuarter":2,"frames":[[60],[64]]}"""u8]);

        CliResult result = Cli.Run("convert", json, midi);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, RollNet.Data.MidiRollReader.Read(midi).Steps);
    }

    [Fact]
    public void MoreFramesThanARollMayHaveAreRefusedNamingTheRollNotTheOutput()
    {
        string json = _directory.File("endless.json"), midi = _directory.File("endless.mid");
        File.WriteAllText(json, $"{{\"stepsPerQuarter\":2,\"frames\":[[60]{string.Concat(Enumerable.Repeat(",[]", 1_000_000))}]}}");

        Cli.AssertOneLineError(["convert", json, midi], $"{json}: 1,000,001 frames, more than the 1,000,000 a roll may have");
        Assert.False(File.Exists(midi));
    }

    [SkippableTheory]
    [MemberData(nameof(SpecialPaths.Kinds), MemberType = typeof(SpecialPaths))]
    public void APathThatIsNoRegularFileIsRefusedByStatsAndAsAPrimer(string kind)
    {
        string path = SpecialPaths.Make(kind, _directory, "special.mid");
        string problem = kind == "folder" ? "a folder, not " : "the file is empty or not a regular file (a device, a pipe or a socket), not ";

        // Without an extension, /dev/zero is a dataset file (a pickle or MAT-file) to stats, and no music file to be a primer; a folder is a
        // set of pieces to stats.
        SpecialPaths.WithoutWaiting(path, () =>
        {
            if (kind != "folder")
            {
                Cli.AssertOneLineError(["stats", path], $"{path}: {problem}{(kind == "fifo" ? "a MIDI file" : "a dataset pickle or MAT-file")}");
            }

            Cli.AssertOneLineError(["generate", "--prime", path, "--steps", "4", "--out", _directory.File("song.mid")],
                kind == "/dev/zero" ? $"{path}: unknown file type" : $"{path}: {problem}a MIDI file");
        });
    }

    [Fact]
    public void WeightsTooLargeForTheirActivationsAreRefusedNamingTheCheckpoint()
    {
        // Every parameter 3e38: finite, with a valid checksum, but every product overflows to infinity and then NaN.
        byte[] bundled = File.ReadAllBytes(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        Checkpoint original = CheckpointCodec.Load(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        int parameters = original.Parameters.Sum(t => t.Data.Length);
        byte[] extreme = (byte[])bundled.Clone();
        for (int i = 0; i < parameters; i++)
        {
            BitConverter.TryWriteBytes(extreme.AsSpan(CheckpointBytes.PayloadOffset(bundled) + (i * sizeof(float))), 3e38f);
        }

        string path = _directory.File("extreme.rollnet");
        File.WriteAllBytes(path, CheckpointBytes.Reseal(extreme));
        string refusal = $"{path}: parameter lstm0.w holds 3.00000001E+38 (element 0), beyond the ±1,000,000";

        Cli.AssertOneLineError(["eval", "--model", path, "--data", SharedDatasets.File("jsb_tiny.pickle")], refusal);
        Cli.AssertOneLineError(["eval", "--model", path, "--data", SharedDatasets.File("jsb_tiny.pickle"), "--json"], refusal);
        Cli.AssertOneLineError(["generate", "--model", path, "--steps", "4", "--out", _directory.File("song.mid")], refusal);
        Assert.False(File.Exists(_directory.File("song.mid")));
    }
}
