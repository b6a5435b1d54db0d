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
    [InlineData("""{"stepsPerQuarter":2,"frames":[["C4"]]}""", "malformed JSON: ")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60]],"tempo":90}""", "malformed JSON: ")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60],[17]]}""", "frame 1: pitch 17 is outside 21..108")]
    [InlineData("""{"stepsPerQuarter":2,"frames":[[60],null]}""", "frame 1: expected an array of pitches but found null")]
    [InlineData("""{"stepsPerQuarter":2}""", "missing \"frames\"")]
    [InlineData("""{"frames":[]}""", "missing \"stepsPerQuarter\"")]
    [InlineData("""{"stepsPerQuarter":0,"frames":[]}""", "stepsPerQuarter must be at least 1 but is 0")]
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
    public void AMissingFileIsADatasetException()
    {
        string path = _dir.File("absent.json");

        DatasetException e = Assert.Throws<DatasetException>(() => PianoRollJson.Read(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }
}
