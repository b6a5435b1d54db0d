using Microsoft.Playwright;
using RollNet.Tests;
using Xunit;
using Note = RollNet.Piano.Tests.Browser.PianoPage.Note;

namespace RollNet.Piano.Tests.Browser;

/// <summary>Harmonize and Fill selection on the page: what the model keeps, what it draws, and how both are undone or cancelled.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConditionalPageTests(BrowserFixture browser)
{
    // A chorale's line, one note a quarter.
    private static readonly Note[] Melody = [.. new[] { 72, 74, 76, 77, 79, 77, 76, 74 }.Select((pitch, step) => new Note(step, pitch, false))];

    [SkippableFact]
    public async Task HarmonizeKeepsTheDrawnMelodyOnTopAndWritesVoicesBeneathItInTheModelsColour()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawMelodyAsync(piano);
        await piano.Page.FillAsync("#particles", "32");
        await piano.Page.FillAsync("#seed", "7");

        await piano.Page.ClickAsync("#harmonize");
        await WaitForAnswerAsync(piano);

        IReadOnlyList<Note> notes = await piano.NotesAsync();
        Assert.Equal(Melody, notes.Where(n => !n.Generated));
        Note[] voices = [.. notes.Where(n => n.Generated)];
        Assert.All(voices, n => Assert.True(n.Pitch < Melody[n.Step].Pitch, $"{n} is not beneath the melody"));
        Assert.True(voices.Select(n => n.Step).Distinct().Count() >= Melody.Length / 2,
            $"the model should write voices beneath most of the melody: {string.Join(", ", voices)}");
        (int r, int g, int b) = await piano.ColorAtAsync(Melody[0].Step, Melody[0].Pitch);
        Assert.True(b > r + 60 && b > g, $"the melody should stay blue, not ({r}, {g}, {b})");
        foreach (Note voice in voices.Take(6))
        {
            (r, g, b) = await piano.ColorAtAsync(voice.Step, voice.Pitch);
            Assert.True(r > 180 && r > g && g > b + 40, $"a voice the model wrote should be orange, not ({r}, {g}, {b})");
        }

        Assert.StartsWith("The model harmonized 8 steps beneath your melody", await piano.StatusAsync(), StringComparison.Ordinal);
        await piano.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Path("TestResults", "neuralpiano-harmonize.png") });

        await piano.Page.ClickAsync("#undo");
        Assert.Equal(Melody, await piano.NotesAsync());
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task KeepRestsKeepsTheStepsWhereTheMelodyRestsSilent()
    {
        await using PianoPage piano = await OpenAsync();
        // The melody rests on steps 2 and 5: free, the model writes there; kept, they stay silent.
        Note[] withRests = [.. Melody.Where(n => n.Step is not (2 or 5))];
        foreach (Note note in withRests)
        {
            await piano.ClickCellAsync(note.Step, note.Pitch);
        }

        await piano.Page.FillAsync("#particles", "32");
        await piano.Page.ClickAsync("#harmonize");
        await WaitForAnswerAsync(piano);
        Assert.Contains(await piano.NotesAsync(), n => n.Step is 2 or 5);
        await piano.Page.ClickAsync("#undo");

        await piano.Page.CheckAsync("#hold-rests");
        await piano.Page.ClickAsync("#harmonize");
        await WaitForAnswerAsync(piano);

        IReadOnlyList<Note> notes = await piano.NotesAsync();
        Assert.DoesNotContain(notes, n => n.Step is 2 or 5);
        Assert.Equal(withRests, notes.Where(n => !n.Generated));
        Assert.Contains(notes, n => n.Generated);
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task NoParallelsGoesWithGenerateAndHarmonizeWhenTicked()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawMelodyAsync(piano);
        var bodies = new List<string>();
        await piano.Page.RouteAsync("**/api/{generate,harmonize}", async route =>
        {
            bodies.Add(route.Request.PostData ?? "");
            await route.ContinueAsync();
        });

        // Each request is sent after the page marks itself busy, so once it is seen the answer can be waited for.
        async Task AskAsync(string button)
        {
            int before = bodies.Count;
            await piano.Page.ClickAsync(button);
            for (int i = 0; i < 600 && bodies.Count == before; i++)
            {
                await Task.Delay(100);
            }

            await WaitForAnswerAsync(piano);
        }

        await piano.Page.CheckAsync("#avoid-parallels");
        await piano.Page.FillAsync("#particles", "16");
        await AskAsync("#harmonize");
        await piano.Page.FillAsync("#steps", "8");
        await AskAsync("#generate");
        await piano.Page.UncheckAsync("#avoid-parallels");
        await AskAsync("#generate");

        Assert.Equal(3, bodies.Count);
        Assert.All(bodies[..2], body => Assert.Contains("\"avoidParallels\":true", body, StringComparison.Ordinal));
        Assert.Contains("\"avoidParallels\":false", bodies[2], StringComparison.Ordinal);
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task FillSelectionRewritesTheStepsDraggedAlongTheRulerAndKeepsTheRest()
    {
        await using PianoPage piano = await OpenAsync();
        foreach (int pitch in new[] { 60, 64, 67 })
        {
            await piano.DragAsync(0, 11, pitch);
        }

        IReadOnlyList<Note> drawn = await piano.NotesAsync();
        await piano.Page.FillAsync("#particles", "16");

        await piano.SelectAsync(7, 4);
        Assert.Equal((4, 8), await piano.SelectionAsync());
        await piano.Page.ClickAsync("#fill");
        await WaitForAnswerAsync(piano);

        IReadOnlyList<Note> notes = await piano.NotesAsync();
        Assert.Equal(drawn.Where(n => n.Step is < 4 or >= 8), notes.Where(n => n.Step is < 4 or >= 8));
        Assert.All(notes.Where(n => n.Step is >= 4 and < 8), n => Assert.True(n.Generated, $"{n} inside the span should be the model's"));
        Assert.StartsWith("The model rewrote steps 4 to 7", await piano.StatusAsync(), StringComparison.Ordinal);
        await piano.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Path("TestResults", "neuralpiano-fill.png") });

        await piano.Page.ClickAsync("#undo");
        Assert.Equal(drawn, await piano.NotesAsync());

        // A click on the ruler moves the playhead and clears the selection; Fill selection then says how to select.
        await piano.SelectAsync(2, 2);
        Assert.Null(await piano.SelectionAsync());
        await piano.Page.ClickAsync("#fill");
        Assert.StartsWith("Nothing selected to fill", await piano.StatusAsync(), StringComparison.Ordinal);
        Assert.Empty(piano.Problems);
    }

    [SkippableFact]
    public async Task CancelDropsAHarmonizeInFlightAndLeavesTheRollAsItWas()
    {
        await using PianoPage piano = await OpenAsync();
        await DrawMelodyAsync(piano);
        // The server never answers: the request stays in flight until the page drops it.
        await piano.Page.RouteAsync("**/api/harmonize", _ => Task.CompletedTask);

        await piano.Page.ClickAsync("#harmonize");
        await piano.WaitForAsync("() => window.neuralPiano.isBusy() && !document.getElementById('cancel').hidden");
        Assert.StartsWith("Harmonizing…", (await piano.Page.InnerTextAsync("#harmonize")).Trim(), StringComparison.Ordinal);
        Assert.True(await piano.Page.IsDisabledAsync("#generate"));

        await piano.Page.ClickAsync("#cancel");

        await piano.WaitForStatusAsync("Cancelled: the roll is as it was.");
        Assert.Equal(Melody, await piano.NotesAsync());
        Assert.Equal("Harmonize", (await piano.Page.InnerTextAsync("#harmonize")).Trim());
        Assert.True(await piano.Page.IsHiddenAsync("#cancel"));
        Assert.False(await piano.Page.IsDisabledAsync("#generate"));
        // The dropped request is the only problem.
        Assert.All(piano.Problems, problem => Assert.Contains("ERR_ABORTED", problem, StringComparison.Ordinal));
    }

    private async Task<PianoPage> OpenAsync()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        return await PianoPage.OpenAsync(browser);
    }

    private static async Task DrawMelodyAsync(PianoPage piano)
    {
        foreach (Note note in Melody)
        {
            await piano.ClickCellAsync(note.Step, note.Pitch);
        }
    }

    private static Task WaitForAnswerAsync(PianoPage piano) =>
        piano.WaitForAsync("() => !window.neuralPiano.isBusy() && document.getElementById('status').classList.contains('ok')", 120);
}
