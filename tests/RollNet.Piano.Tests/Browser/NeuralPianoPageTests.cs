using Microsoft.Playwright;
using RollNet.Data;
using RollNet.Tests;
using RollNet.Tests.Data;
using Xunit;
using Note = RollNet.Piano.Tests.Browser.PianoPage.Note;

namespace RollNet.Piano.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NeuralPianoPageTests(BrowserFixture browser)
{
    // A C major chord over four steps, then a G under it.
    private static readonly Note[] Drawn = [new(0, 60, false), new(0, 64, false), new(0, 67, false), new(1, 60, false), new(2, 64, false), new(3, 55, false)];

    [SkippableFact]
    public async Task ClickingTheGridDrawsNotesAndClickingAgainOrRightClickingErasesThem()
    {
        await using PianoPage piano = await OpenAsync();

        await DrawAsync(piano);
        Assert.Equal(Drawn, await piano.NotesAsync());
        (int r, int g, int b) = await piano.ColorAtAsync(0, 60);
        Assert.True(b > r + 60 && b > g, $"a drawn note should be blue, not ({r}, {g}, {b})");

        await piano.ClickCellAsync(0, 64);
        await piano.ClickCellAsync(3, 55, MouseButton.Right);

        Assert.Equal(Drawn.Where(n => n is not { Step: 0, Pitch: 64 } and not { Step: 3 }), await piano.NotesAsync());
        Assert.NotEqual((r, g, b), await piano.ColorAtAsync(0, 64));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task GenerateAppendsTheModelsContinuationInTheSecondColour()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);
        await piano.Page.FillAsync("#steps", "32");
        await piano.Page.FillAsync("#seed", "7");
        await piano.Page.FillAsync("#max-notes", "3");

        await piano.Page.ClickAsync("#generate");
        await piano.WaitForAsync("() => window.neuralPiano.notes().some(n => n.generated)");

        IReadOnlyList<Note> notes = await piano.NotesAsync();
        Assert.Equal(Drawn, notes.Where(n => !n.Generated));
        Note[] generated = [.. notes.Where(n => n.Generated)];
        Assert.All(generated, n => Assert.InRange(n.Step, 4, 4 + 32 - 1));
        Assert.All(generated, n => Assert.InRange(n.Pitch, 21, 108));
        Assert.All(generated.GroupBy(n => n.Step), step => Assert.InRange(step.Count(), 1, 3));
        foreach (Note note in generated.Take(8))
        {
            (int r, int g, int b) = await piano.ColorAtAsync(note.Step, note.Pitch);
            Assert.True(r > 180 && r > g && g > b + 40, $"a generated note should be orange, not ({r}, {g}, {b})");
        }

        await piano.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Path("TestResults", "neuralpiano.png") });
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task PlayStartsTheAudioAndMovesThePlayhead()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);

        // A last note at step 31 and 30 quarter notes a minute: the playback lasts a minute, longer than any wait
        // below, so that however slowly a busy machine runs the page, no wait can miss it.
        await piano.ClickCellAsync(31, 72);
        await piano.Page.FillAsync("#tempo", "30");

        await piano.Page.ClickAsync("#play");
        await piano.WaitForAsync("() => window.neuralPiano.isPlaying() && window.neuralPiano.audioState() === 'running' && window.neuralPiano.scheduledNotes() > 0");
        double first = await piano.EvaluateAsync<double>("() => window.neuralPiano.playheadStep()");
        await piano.WaitForAsync($"() => window.neuralPiano.playheadStep() > {first + 0.5}");

        Assert.Equal("Stop", (await piano.Page.InnerTextAsync("#play")).Trim());
        await piano.Page.ClickAsync("#play");
        await piano.WaitForAsync("() => !window.neuralPiano.isPlaying()");
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task ExportDownloadsAMidiFileOfTheRoll()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);

        IDownload download = await piano.Page.RunAndWaitForDownloadAsync(() => piano.Page.ClickAsync("#export"));

        Assert.EndsWith(".mid", download.SuggestedFilename, StringComparison.Ordinal);
        string path = Path.Combine(Path.GetTempPath(), $"neuralpiano-{Guid.NewGuid():N}.mid");
        try
        {
            await download.SaveAsAsync(path);
            int stepsPerQuarter = await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()");
            PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter);
            Assert.Equal(Drawn.Select(n => (n.Step, n.Pitch)), roll.Notes().SelectMany(Cells).Order());
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task ImportReplacesTheRollWithTheMidiFile()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);
        int stepsPerQuarter = await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()");
        PianoRoll song = PianoRollJson.FromFrames([[48, 72], [48, 72], [50], [], [52, 76, 79]], "song");
        using var midi = new MemoryStream();
        MidiRollWriter.Write(midi, song, stepsPerQuarter);

        await piano.Page.SetInputFilesAsync("#import-file", new FilePayload { Name = "song.mid", MimeType = "audio/midi", Buffer = midi.ToArray() });
        await piano.WaitForAsync("() => window.neuralPiano.notes().some(n => n.pitch === 79)");

        Assert.Equal(song.Notes().SelectMany(Cells).Order(), (await piano.NotesAsync()).Select(n => (n.Step, n.Pitch)));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task ImportingFastNotesGoesToTheModelWhoseGridLosesFewestAndSaysWhatItMerged()
    {
        await using PianoPage piano = await OpenAsync();
        Assert.Equal((1, "chorales"), (await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()"),
            await piano.EvaluateAsync<string>("() => window.neuralPiano.modelId()")));
        byte[] elise = MidiTestFiles.Bytes(0, 480, MidiTestFiles.FurEliseOpening());

        await piano.Page.SetInputFilesAsync("#import-file", new FilePayload { Name = "elise.mid", MimeType = "audio/midi", Buffer = elise });

        // Eighths lose fewer of its sixteenths than the chorale model's quarter notes: the first E sounds alone, and only
        // then do E and D♯ run together.
        await piano.WaitForAsync("() => document.getElementById('status').textContent.startsWith('Imported')");
        Assert.StartsWith("Imported elise.mid: 5 steps for eighths.rollnet, whose grid loses fewest notes; 9 notes on a "
            + "grid of 2 steps a quarter note: ", await piano.StatusAsync(), StringComparison.Ordinal);
        Assert.Equal((2, "eighths", "eighths"), (await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()"),
            await piano.EvaluateAsync<string>("() => window.neuralPiano.modelId()"), await piano.Page.InputValueAsync("#model-choice")));
        IReadOnlyList<Note> notes = await piano.NotesAsync();
        Assert.Equal([new Note(0, 76, false)], notes.Where(n => n.Step == 0));
        Assert.Equal([new Note(1, 75, false), new Note(1, 76, false)], notes.Where(n => n.Step == 1));
        Assert.False(await piano.EvaluateAsync<bool>("() => document.getElementById('status').classList.contains('ok')"));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task ChoosingAModelOnAnotherGridMovesTheMusicToItAndUndoMovesBothBack()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);
        IReadOnlyList<Note> drawn = await piano.NotesAsync();
        Assert.Equal(["JSB Chorales, then own-chorales-1, then own-chorales-2 (1 step a quarter note)", "eighths.rollnet (2 steps a quarter note)"],
            await piano.Page.Locator("#model-choice option").AllInnerTextsAsync());

        await piano.Page.SelectOptionAsync("#model-choice", "eighths");
        await piano.WaitForAsync("() => window.neuralPiano.stepsPerQuarter() === 2");

        // Each quarter-note step becomes two eighth-note steps; nothing is lost.
        Assert.Equal(drawn.SelectMany(n => new[] { n with { Step = 2 * n.Step }, n with { Step = (2 * n.Step) + 1 } }).OrderBy(n => (n.Step, n.Pitch)),
            (await piano.NotesAsync()).OrderBy(n => (n.Step, n.Pitch)));
        Assert.StartsWith("The eighths.rollnet (2 steps a quarter note) model is ready; your music moved to its grid: ", await piano.StatusAsync(),
            StringComparison.Ordinal);
        Assert.Equal("eighths", await piano.EvaluateAsync<string>("() => window.neuralPiano.modelId()"));

        await piano.Page.ClickAsync("#undo");
        await piano.WaitForAsync("() => window.neuralPiano.modelId() === 'chorales'");
        Assert.Equal(drawn, await piano.NotesAsync());
        Assert.Equal(1, await piano.EvaluateAsync<int>("() => window.neuralPiano.stepsPerQuarter()"));
        Assert.Equal("chorales", await piano.Page.InputValueAsync("#model-choice"));
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task UndoRedoAndClearChangeTheRollAndItSurvivesAReload()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawAsync(piano);

        await piano.Page.ClickAsync("#undo");
        Assert.Equal(Drawn[..^1], await piano.NotesAsync());
        await piano.Page.ClickAsync("#redo");
        Assert.Equal(Drawn, await piano.NotesAsync());
        await piano.Page.ClickAsync("#clear");
        Assert.Empty(await piano.NotesAsync());
        await piano.Page.ClickAsync("#undo");
        Assert.Equal(Drawn, await piano.NotesAsync());

        await piano.ReloadAsync();

        Assert.Equal(Drawn, await piano.NotesAsync());
        Assert.Empty(piano.Problems);
    }

    private async Task<PianoPage> OpenAsync()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        return await PianoPage.OpenAsync(browser);
    }

    private static async Task DrawAsync(PianoPage piano)
    {
        foreach (Note note in Drawn)
        {
            await piano.ClickCellAsync(note.Step, note.Pitch);
        }
    }

    private static IEnumerable<(int Step, int Pitch)> Cells(RollNote note) =>
        Enumerable.Range(note.Start, note.Steps).Select(step => (step, note.Pitch));
}
