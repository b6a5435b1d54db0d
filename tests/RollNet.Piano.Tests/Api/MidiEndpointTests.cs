using System.Net;
using System.Text.Json;
using RollNet.Data;
using RollNet.Tests.Data;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class MidiEndpointTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    private static readonly int[][] Song = [[60, 64, 67], [60, 64, 67], [], [62, 65], [62, 65, 69], [21], [108], [55, 59, 62, 67]];

    [Fact]
    public async Task ImportReadsAMidiFileIntoFramesAtTheAskedGrid()
    {
        PianoRoll roll = PianoRollJson.FromFrames(Song, "song");
        using var midi = new MemoryStream();
        MidiRollWriter.Write(midi, roll, stepsPerQuarter: 4, beatsPerMinute: 90);

        HttpResponseMessage response = await piano.Client.PostMidiAsync("/api/midi/import?stepsPerQuarter=4", midi.ToArray());

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(4, document.RootElement.GetProperty("stepsPerQuarter").GetInt32());
        Assert.Equal(FramesJson(Song), FramesJson(FramesOf(document.RootElement)));
    }

    [Fact]
    public async Task ImportSaysWhatTheGridMergedAndRanTogether()
    {
        byte[] elise = MidiTestFiles.Bytes(0, 480, MidiTestFiles.FurEliseOpening());

        HttpResponseMessage response = await piano.Client.PostMidiAsync("/api/midi/import?stepsPerQuarter=1", elise);

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement quantisation = document.RootElement.GetProperty("quantisation");
        Assert.Equal((9, 3, 6, 7), (quantisation.GetProperty("notes").GetInt32(), quantisation.GetProperty("merged").GetInt32(),
            quantisation.GetProperty("runTogether").GetInt32(), quantisation.GetProperty("lost").GetInt32()));
        Assert.Equal(0.25, quantisation.GetProperty("shortestNote").GetDouble());
        Assert.Equal((4, 0), (quantisation.GetProperty("suggestedStepsPerQuarter").GetInt32(), quantisation.GetProperty("suggestedLost").GetInt32()));
        Assert.Equal("9 notes on a grid of 1 step a quarter note: 3 merged, 6 run together; shortest note 1/4 quarter; "
            + "a grid of 4 steps a quarter keeps every note", quantisation.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task ImportWithoutAGridReadsOnTheModelsGridEvenWhereTheFileRecordsAnother()
    {
        using var recorded = new MemoryStream();
        MidiRollWriter.Write(recorded, PianoRollJson.FromFrames([[60], [62], [64], [65]], "song"), stepsPerQuarter: 4);
        int modelGrid;
        using (JsonDocument model = JsonDocument.Parse(await piano.Client.GetStringAsync("/api/model")))
        {
            modelGrid = model.RootElement.GetProperty("stepsPerQuarter").GetInt32();
        }

        using JsonDocument read = JsonDocument.Parse(await (await piano.Client.PostMidiAsync("/api/midi/import", recorded.ToArray())).Content.ReadAsStringAsync());

        // The one model has no grid of 4, so the roll is on its own grid, and the report says what that cost.
        Assert.Equal(1, modelGrid);
        Assert.Equal(1, read.RootElement.GetProperty("stepsPerQuarter").GetInt32());
        Assert.Equal("chorales", read.RootElement.GetProperty("model").GetString());
        Assert.Equal(2, read.RootElement.GetProperty("quantisation").GetProperty("lost").GetInt32());
    }

    [Fact]
    public async Task ExportWritesAMidiFileThatReadsBackToTheSameRoll()
    {
        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/midi/export",
            $$"""{"frames": {{FramesJson(Song)}}, "tempo": 120, "stepsPerQuarter": 2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        byte[] midi = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("MThd"u8.ToArray(), midi[..4]);
        PianoRoll back = MidiRollReader.Read(new MemoryStream(midi), "exported", stepsPerQuarter: 2);
        Assert.Equal(FramesJson(Song), FramesJson(PianoRollJson.Frames(back)));
    }

    [Theory]
    [InlineData("this is not a MIDI file", "", "not a readable MIDI file")]
    [InlineData("MThd", "", "not a readable MIDI file")]
    [InlineData("", "", "the request body is empty")]
    [InlineData("MThd", "?stepsPerQuarter=0", "stepsPerQuarter must be a whole number from 1 to 96")]
    [InlineData("MThd", "?stepsPerQuarter=two", "stepsPerQuarter must be a whole number from 1 to 96")]
    public async Task ImportRefusesWhatIsNotAMidiFile(string body, string query, string expected)
    {
        HttpResponseMessage response = await piano.Client.PostMidiAsync("/api/midi/import" + query, System.Text.Encoding.ASCII.GetBytes(body));

        Assert.Contains(expected, await ErrorOf(response));
    }

    [Fact]
    public async Task ImportRefusesATruncatedFileAndAPieceOverTheStepLimit()
    {
        using var midi = new MemoryStream();
        MidiRollWriter.Write(midi, PianoRollJson.FromFrames(Song, "song"));
        byte[] whole = midi.ToArray();
        Assert.Contains("not a readable MIDI file", await ErrorOf(await piano.Client.PostMidiAsync("/api/midi/import", whole[..(whole.Length - 9)])));

        int[][] longSong = [.. Enumerable.Repeat(new[] { 60 }, piano.Limits.MaxFrames + 1)];
        using var longMidi = new MemoryStream();
        MidiRollWriter.Write(longMidi, PianoRollJson.FromFrames(longSong, "long"), stepsPerQuarter: 1);
        string error = await ErrorOf(await piano.Client.PostMidiAsync("/api/midi/import?stepsPerQuarter=1", longMidi.ToArray()));
        Assert.Equal($"the piece is {piano.Limits.MaxFrames + 1} steps long at 1 per quarter note, more than the {piano.Limits.MaxFrames} allowed", error);
    }

    [Theory]
    [InlineData("""{"frames": [[60]], "tempo": 0}""", "tempo must be between 10 and 1000 quarter notes per minute but is 0")]
    [InlineData("""{"frames": [[60]], "tempo": 5000}""", "tempo must be between")]
    [InlineData("""{"frames": [[60]], "stepsPerQuarter": 7}""", "stepsPerQuarter must divide 480 but is 7")]
    [InlineData("""{"frames": [[60]], "stepsPerQuarter": 0}""", "stepsPerQuarter must divide 480 but is 0")]
    [InlineData("""{"frames": [[0]]}""", "frame 0: pitch 0 is outside 21..108")]
    [InlineData("""{"tempo": 100}""", "missing \"frames\"")]
    [InlineData("""[[60]]""", "expected a JSON object but found an array")]
    public async Task ExportRefusesBadRollsAndSettings(string body, string expected)
    {
        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/midi/export", body);

        Assert.Contains(expected, await ErrorOf(response));
    }
}
