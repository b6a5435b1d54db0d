using Microsoft.Playwright;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Piano.Server;
using RollNet.Tests;
using Xunit;
using Note = RollNet.Piano.Tests.Browser.PianoPage.Note;

namespace RollNet.Piano.Tests.Browser;

/// <summary>The page against a server with small limits: it learns them from <c>GET /api/model</c> and keeps to them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLimitTests(BrowserFixture browser)
{
    private static readonly PianoLimits Limits = new() { MaxFrames = 48, MaxSteps = 32, MaxParticles = 32, MaxParticleSteps = 256 };

    [SkippableFact]
    public async Task TheStepsFieldAndTheRollStopAtTheServersLimits()
    {
        await using PianoServer server = await StartServerAsync();
        await using PianoPage piano = await OpenAsync(server);

        Assert.Equal("32", await piano.Page.GetAttributeAsync("#steps", "max"));
        Assert.Equal("32", await piano.Page.InputValueAsync("#steps")); // the default 64, brought down to the limit
        Assert.Equal("32", await piano.Page.GetAttributeAsync("#particles", "max"));
        Assert.Equal("32", await piano.Page.InputValueAsync("#particles"));

        await piano.DragAsync(40, 60, 60);

        Assert.Equal(Enumerable.Range(40, 8).Select(step => new Note(step, 60, false)), await piano.NotesAsync());
        const string refusal = "The roll ends at step 48: the server takes at most 48 steps.";
        Assert.Equal(refusal, await piano.StatusAsync());
        Assert.Equal(1, await piano.CountTextAsync(refusal));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task GenerateRefusesARollLongerThanTheServerTakesWithoutSendingIt()
    {
        await using PianoServer server = await StartServerAsync();
        await using PianoPage piano = await OpenAsync(server);
        int generateRequests = 0;
        piano.Page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/api/generate")
            {
                Interlocked.Increment(ref generateRequests);
            }
        };
        await piano.ClickCellAsync(20, 60);
        await piano.Page.FillAsync("#steps", "32");

        await piano.Page.ClickAsync("#generate");

        // 21 steps of primer and 32 more would make 53.
        const string refusal = "The roll would be 53 steps long, more than the 48 the server takes: ask for at most 27 steps or shorten the roll.";
        await piano.WaitForStatusAsync(refusal);
        Assert.Equal(1, await piano.CountTextAsync(refusal));
        Assert.Equal(0, Volatile.Read(ref generateRequests));
        Assert.Equal([new Note(20, 60, false)], await piano.NotesAsync());
        await piano.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Path("TestResults", "neuralpiano-limits.png") });

        // The most that fits is sent, once, and its answer fills the roll up to the limit and no further.
        await piano.Page.FillAsync("#steps", "27");
        await piano.Page.ClickAsync("#generate");
        await piano.WaitForAsync("() => document.getElementById('status').classList.contains('ok')", 120);

        Assert.Equal(1, Volatile.Read(ref generateRequests));
        Assert.All(await piano.NotesAsync(), note => Assert.InRange(note.Step, 0, Limits.MaxFrames - 1));
        Assert.Equal(0, await piano.CountTextAsync(refusal));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task HarmonizeRefusesMoreParticleStepsThanTheServerTakesWithoutSendingThem()
    {
        await using PianoServer server = await StartServerAsync();
        await using PianoPage piano = await OpenAsync(server);
        int harmonizeRequests = 0;
        piano.Page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/api/harmonize")
            {
                Interlocked.Increment(ref harmonizeRequests);
            }
        };
        await piano.ClickCellAsync(0, 72);
        await piano.ClickCellAsync(20, 74);

        await piano.Page.ClickAsync("#harmonize");

        // 32 particles over 21 steps would be 672 particle-steps.
        const string refusal = "32 particles over 21 steps are more than the 256 particle-steps the server takes: use at most 12 particles or shorten the roll.";
        await piano.WaitForStatusAsync(refusal);
        Assert.Equal(0, Volatile.Read(ref harmonizeRequests));

        // The most that fits is sent, once, and the melody stays on top.
        await piano.Page.FillAsync("#particles", "12");
        await piano.Page.ClickAsync("#harmonize");
        await piano.WaitForAsync("() => document.getElementById('status').classList.contains('ok')", 120);

        Assert.Equal(1, Volatile.Read(ref harmonizeRequests));
        Assert.Equal([new Note(0, 72, false), new Note(20, 74, false)], (await piano.NotesAsync()).Where(n => !n.Generated));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task ImportingAPieceLongerThanTheServerTakesSaysSoAndKeepsTheRoll()
    {
        await using PianoServer server = await StartServerAsync();
        await using PianoPage piano = await OpenAsync(server);
        await piano.ClickCellAsync(3, 64);
        int stepsPerQuarter = await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()");
        PianoRoll song = PianoRollJson.FromFrames([.. Enumerable.Repeat(new[] { 60 }, Limits.MaxFrames + 12)], "song");
        using var midi = new MemoryStream();
        MidiRollWriter.Write(midi, song, stepsPerQuarter);

        await piano.Page.SetInputFilesAsync("#import-file", new FilePayload { Name = "song.mid", MimeType = "audio/midi", Buffer = midi.ToArray() });

        string refusal = $"the piece is {Limits.MaxFrames + 12} steps long at {stepsPerQuarter} per quarter note, more than the {Limits.MaxFrames} allowed";
        await piano.WaitForStatusAsync(refusal);
        Assert.Equal(1, await piano.CountTextAsync(refusal));
        Assert.Equal([new Note(3, 64, false)], await piano.NotesAsync());
        // The server's refusal is the only problem: a 400 (which the browser may also log) from the import.
        Assert.NotEmpty(piano.Problems);
        Assert.All(piano.Problems, problem => Assert.Contains("400", problem, StringComparison.Ordinal));
    }

    private Task<PianoServer> StartServerAsync()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        return PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel("chorales", "the bundled chorale model", PianoServerFixture.BundledModel)],
            CreateBackend = () => new CpuBackend(threads: 1),
            Limits = Limits,
        });
    }

    private async Task<PianoPage> OpenAsync(PianoServer server)
    {
        PianoPage piano = await PianoPage.OpenAsync(browser, server.Address);
        Assert.Equal(Limits.MaxFrames, await piano.EvaluateAsync<int>("() => window.neuralPiano.limits().maxFrames"));
        return piano;
    }
}
