using System.Net;
using System.Text.Json;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Piano.Server;
using RollNet.Tests.Data;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

/// <summary>
/// A server that offers two models on two grids: the bundled chorale model (a quarter note a step) first, and a small
/// NADE model on the default grid of two steps a quarter note.
/// </summary>
public sealed class ModelChoiceTests : IAsyncLifetime
{
    private PianoServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Checkpoint eighths = PianoServerFixture.Untrained(new ModelConfig(Layers: 1, HiddenSize: 16, Head: new NadeHeadOptions(8)));
        _server = await PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel("chorales", "the bundled chorale model", PianoServerFixture.BundledModel), new PianoModel("eighths", "e.rollnet", eighths)],
            CreateBackend = () => new CpuBackend(threads: 1),
            MaxConcurrentGenerations = 2,
        });
        _client = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TheDescriptionListsEveryModelAndDescribesTheOneAskedFor()
    {
        using JsonDocument first = JsonDocument.Parse(await _client.GetStringAsync("/api/model"));
        using JsonDocument second = JsonDocument.Parse(await _client.GetStringAsync("/api/model?id=eighths"));

        Assert.Equal(("chorales", 1, "JSB Chorales, then own-chorales-1, then own-chorales-2"), (first.RootElement.GetProperty("id").GetString(),
            first.RootElement.GetProperty("stepsPerQuarter").GetInt32(), first.RootElement.GetProperty("trainedOn").GetString()));
        Assert.Equal(("eighths", "e.rollnet", 2, "NADE head (8 units): a frame's keys drawn together"), (second.RootElement.GetProperty("id").GetString(), second.RootElement.GetProperty("name").GetString(),
            second.RootElement.GetProperty("stepsPerQuarter").GetInt32(), second.RootElement.GetProperty("headDescription").GetString()));
        foreach (JsonDocument description in new[] { first, second })
        {
            Assert.Equal(["chorales:1", "eighths:2"], description.RootElement.GetProperty("models").EnumerateArray()
                .Select(m => $"{m.GetProperty("id").GetString()}:{m.GetProperty("stepsPerQuarter").GetInt32()}"));
        }
    }

    [Fact]
    public async Task RequestsRunTheModelTheyNameAndAnUnknownOneIsRefusedNamingTheModels()
    {
        string melody = FramesJson([[72], [74], [76], [77]]);

        HttpResponseMessage generated = await _client.PostJsonAsync("/api/generate", """{"frames": [[60]], "steps": 4, "model": "eighths"}""");
        (int[][] harmonized, _) = await _client.DrawAsync("/api/harmonize", $$"""{"frames": {{melody}}, "particles": 4, "model": "eighths"}""");
        string unknownGenerate = await ErrorOf(await _client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 4, "model": "jazz"}"""));
        string unknownFill = await ErrorOf(await _client.PostJsonAsync("/api/fill", $$"""{"frames": {{melody}}, "from": 1, "to": 2, "model": "jazz"}"""));
        string unknownDescription = await ErrorOf(await _client.GetAsync("/api/model?id=jazz"));

        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        Assert.Equal(4, harmonized.Length);
        foreach (string error in new[] { unknownGenerate, unknownFill, unknownDescription })
        {
            Assert.Equal("there is no model \"jazz\"; the models are chorales, eighths", error);
        }
    }

    [Fact]
    public async Task ImportGoesToTheModelWhoseGridLosesFewestNotes()
    {
        // Für Elise's sixteenths lose fewer notes on eighths than on quarters.
        byte[] elise = MidiTestFiles.Bytes(0, 480, MidiTestFiles.FurEliseOpening());
        // Quarter-note chords lose nothing on either grid: the model asked for keeps them, the first when none is.
        byte[] chords = MidiTestFiles.Bytes(0, 480, [.. MidiTestFiles.Note(1, 60, 0, 480), .. MidiTestFiles.Note(1, 64, 480, 960)]);

        (string Model, int Grid, int Lost) eliseRead = await ImportAsync(elise, "");
        (string Model, int Grid, int Lost) eliseOnQuarters = await ImportAsync(elise, "?stepsPerQuarter=1");
        (string Model, int Grid, int Lost) chordsFirst = await ImportAsync(chords, "");
        (string Model, int Grid, int Lost) chordsAsked = await ImportAsync(chords, "?model=eighths");

        Assert.Equal("eighths", eliseRead.Model);
        Assert.Equal(2, eliseRead.Grid);
        Assert.True(eliseRead.Lost < eliseOnQuarters.Lost, $"{eliseRead.Lost} lost on eighths, {eliseOnQuarters.Lost} on quarters");
        Assert.Equal(("chorales", 1), (eliseOnQuarters.Model, eliseOnQuarters.Grid));
        Assert.Equal(("chorales", 1, 0), chordsFirst);
        Assert.Equal(("eighths", 2, 0), chordsAsked);
    }

    [Fact]
    public async Task ImportGoesToTheModelOnTheGridTheFileRecords()
    {
        using var recorded = new MemoryStream();
        // Repeated quarter notes lose nothing on either grid; the file's own grid decides.
        MidiRollWriter.Write(recorded, PianoRollJson.FromFrames([[60], [], [60], []], "song"), stepsPerQuarter: 2);

        Assert.Equal(("eighths", 2, 0), await ImportAsync(recorded.ToArray(), ""));
    }

    private async Task<(string Model, int Grid, int Lost)> ImportAsync(byte[] midi, string query)
    {
        HttpResponseMessage response = await _client.PostMidiAsync($"/api/midi/import{query}", midi);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        return (root.GetProperty("model").GetString()!, root.GetProperty("stepsPerQuarter").GetInt32(),
            root.GetProperty("quantisation").GetProperty("lost").GetInt32());
    }
}
