using System.Security.Cryptography;
using System.Text;
using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class PianoRollJsonTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SerializesTheDocumentedShape()
    {
        PianoRoll roll = PianoRoll.FromPitches([[67, 60, 64], [], [21, 108]]);

        Assert.Equal("""{"stepsPerQuarter":2,"frames":[[60,64,67],[],[21,108]]}""", PianoRollJson.Serialize(roll, 2));
    }

    [Fact]
    public void RoundTripsThroughAFile()
    {
        PianoRoll roll = MidiRollReaderTests.RandomRoll(50, seed: 9);
        string path = _dir.File("roll.json");
        File.WriteAllText(path, "old");

        PianoRollJson.Write(path, roll, stepsPerQuarter: 4);
        TimedPianoRoll back = PianoRollJson.Read(path);

        Assert.Equal(4, back.StepsPerQuarter);
        Assert.True(roll.ContentEquals(back.Roll));
        Assert.Equal(["roll.json"], _dir.Listing());
    }

    [Theory]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60""", "malformed JSON: ")]
    [InlineData("not json", "malformed JSON: ")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[["C4"]]}""", "malformed JSON: frames[0][0] must be a whole number")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60]],"tempo":90}""", "malformed JSON: unknown member 'tempo'; it takes stepsPerQuarter, frames")]
    [InlineData("""{"stepsPerQuater":2,"frames":[[60]]}""", "malformed JSON: unknown member 'stepsPerQuater' (did you mean 'stepsPerQuarter'?); it takes stepsPerQuarter, frames")]
    [InlineData("""{"stepsPerQuarter":"two","frames":[]}""", "malformed JSON: stepsPerQuarter must be a whole number")]
    [InlineData("""{"stepsPerQuarter":99999999999,"frames":[]}""", "malformed JSON: stepsPerQuarter 99999999999 is out of range")]
    [InlineData("""[[60]]""", "malformed JSON: expected a JSON object but found an array")]
    [InlineData("""{"stepsPerQuarter":2,"stepsPerQuarter":4,"frames":[]}""", "malformed JSON: Duplicate property 'stepsPerQuarter'")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60],[17]]}""", "frame 1: pitch 17 is outside 21..108")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60],null]}""", "frame 1: expected an array of pitches but found null")]
    [InlineData("""{"stepsPerQuarter":2}""", "missing \"frames\"")]
    [InlineData("""{"frames":[]}""", "missing \"stepsPerQuarter\"")]
    [InlineData("""{"stepsPerQuarter":0,"frames":[]}""", "stepsPerQuarter must be 1 to 480 but is 0")]
    [InlineData("""{"stepsPerQuarter":481,"frames":[]}""", "stepsPerQuarter must be 1 to 480 but is 481")]
    [InlineData("""{"stepsPerQuarter":2147483647,"frames":[[60]]}""", "stepsPerQuarter must be 1 to 480 but is 2147483647")]
    [InlineData("null", "expected an object with stepsPerQuarter and frames but found null")]
    public void ReportsEachProblemOnOneLine(string json, string problem)
    {
        string path = _dir.File("bad.json");
        File.WriteAllText(path, json);

        DatasetException e = Assert.Throws<DatasetException>(() => PianoRollJson.Read(path));

        Assert.StartsWith($"{path}: {problem}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AByteOrderMarkIsRead()
    {
        string path = _dir.File("marked.json");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. """{"stepsPerQuarter":4,"frames":[[60],[]]}"""u8]);

        TimedPianoRoll read = PianoRollJson.Read(path);

        Assert.Equal(4, read.StepsPerQuarter);
        Assert.True(PianoRoll.FromPitches([[60], []]).ContentEquals(read.Roll));
        Assert.Equal(2, PianoRollJson.Deserialize("\uFEFF{\"stepsPerQuarter\":4,\"frames\":[[60],[]]}", "text").Roll.Steps);
    }

    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("]}")]
    [InlineData("")]
    public void MoreFramesThanARollMayHaveAreRefusedBeforeAnyIsMade(string ending)
    {
        // Three bytes a frame: a 3 MB file that would make a million arrays and an 88 MB roll; cut short or not.
        string path = _dir.File("long.json");
        var text = new StringBuilder("""{"stepsPerQuarter":2,"frames":[""");
        text.Insert(text.Length, "[],", MidiRollReader.MaxSteps).Append("[]").Append(ending);
        File.WriteAllText(path, text.ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();

        DatasetException e = Assert.Throws<DatasetException>(() => PianoRollJson.Read(path));

        Assert.Equal("1,000,001 frames, more than the 1,000,000 a roll may have", e.Problem);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, new FileInfo(path).Length + (16L << 20));
    }

    [Fact]
    public void AsManyFramesAsARollMayHaveAreRead()
    {
        string path = _dir.File("long.json");
        var text = new StringBuilder("""{"stepsPerQuarter":2,"frames":[""");
        text.Insert(text.Length, "[],", MidiRollReader.MaxSteps - 1).Append("[60]]}");
        File.WriteAllText(path, text.ToString());

        Assert.Equal(MidiRollReader.MaxSteps, PianoRollJson.Read(path).Roll.Steps);
    }

    /// <summary>The files are those written before the writer wrote straight into the file (their SHA-256 recorded then).</summary>
    [Theory]
    [InlineData("random 64 steps, 2 a quarter, format 1", "fdd600c2cf4eb0f5c8f41e3998bfb5f7ccb26ffb2bf20b132fc6d10ba3ffd752")]
    [InlineData("no steps, format 0", "f6e8bcc6c4dc7a1b523a3e84f58106415f1701e36393f2004280f281e87f555e")]
    [InlineData("every key 3 steps, 480 a quarter, format 1", "96049994505f5131e9521c9e5317bd2d838191a747cd0e002fc4a96813d7ca20")]
    public void TheFilesAreThoseWrittenBefore(string name, string sha256)
    {
        (PianoRoll roll, int stepsPerQuarter, _, _) = FixedRolls.Midi[name];
        string path = _dir.File("roll.json");

        PianoRollJson.Write(path, roll, stepsPerQuarter);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    [Fact]
    public void AMissingFileIsADatasetException()
    {
        string path = _dir.File("absent.json");

        DatasetException e = Assert.Throws<DatasetException>(() => PianoRollJson.Read(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }
}
