using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace RollNet.Piano.Tests.Browser;

/// <summary>
/// NeuralPiano open in a fresh browser context (its own storage), driven through real mouse clicks at the cells the
/// page's test hooks (<c>window.neuralPiano</c>) locate, and watched for console errors and failed requests.
/// </summary>
internal sealed class PianoPage : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private PianoPage(IBrowserContext context, IPage page)
    {
        (_context, Page) = (context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => _problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors, page errors, failed requests and error answers seen so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static Task<PianoPage> OpenAsync(BrowserFixture browser) => OpenAsync(browser, browser.Server.Address);

    /// <summary>The page as served by <paramref name="server"/>, in the fixture's browser.</summary>
    public static async Task<PianoPage> OpenAsync(BrowserFixture browser, Uri server)
    {
        IBrowserContext context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
        });
        var piano = new PianoPage(context, await context.NewPageAsync());
        await piano.LoadAsync(server.ToString());
        return piano;
    }

    public async Task LoadAsync(string address)
    {
        await Page.GotoAsync(address);
        await Page.EvaluateAsync("() => window.neuralPiano.ready");
    }

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await Page.EvaluateAsync("() => window.neuralPiano.ready");
    }

    /// <summary>Clicks the cell of <paramref name="step"/> and <paramref name="pitch"/> with the given button.</summary>
    public async Task ClickCellAsync(int step, int pitch, MouseButton button = MouseButton.Left)
    {
        (float x, float y) = await CellCenterAsync(step, pitch);
        await Page.Mouse.ClickAsync(x, y, new MouseClickOptions { Button = button });
    }

    private async Task<(float X, float Y)> CellCenterAsync(int step, int pitch)
    {
        JsonElement center = await Page.EvaluateAsync<JsonElement>("([s, p]) => window.neuralPiano.cellCenter(s, p)", new[] { step, pitch });
        return (center.GetProperty("x").GetSingle(), center.GetProperty("y").GetSingle());
    }

    /// <summary>Presses the left button on the ruler above one step, moves along it to another and lets go.</summary>
    public async Task SelectAsync(int fromStep, int toStep)
    {
        (float x, float y) = await RulerCenterAsync(fromStep);
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.DownAsync();
        (x, y) = await RulerCenterAsync(toStep);
        await Page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = Math.Abs(toStep - fromStep) + 1 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>The selected steps, from and to (excluded), or null when none is selected.</summary>
    public async Task<(int From, int To)?> SelectionAsync()
    {
        JsonElement selection = await Page.EvaluateAsync<JsonElement>("() => window.neuralPiano.selection()");
        return selection.ValueKind == JsonValueKind.Null
            ? null
            : (selection.GetProperty("from").GetInt32(), selection.GetProperty("to").GetInt32());
    }

    private async Task<(float X, float Y)> RulerCenterAsync(int step)
    {
        JsonElement center = await Page.EvaluateAsync<JsonElement>("s => window.neuralPiano.rulerCenter(s)", step);
        return (center.GetProperty("x").GetSingle(), center.GetProperty("y").GetSingle());
    }

    /// <summary>Presses the left button on one cell, moves along <paramref name="pitch"/> to another and lets go.</summary>
    public async Task DragAsync(int fromStep, int toStep, int pitch)
    {
        (float x, float y) = await CellCenterAsync(fromStep, pitch);
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.DownAsync();
        (x, y) = await CellCenterAsync(toStep, pitch);
        await Page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = Math.Abs(toStep - fromStep) });
        await Page.Mouse.UpAsync();
    }

    /// <summary>The text of the status line.</summary>
    public async Task<string> StatusAsync() => (await Page.InnerTextAsync("#status")).Trim();

    /// <summary>Waits until the status line reads <paramref name="text"/>, failing after <paramref name="seconds"/>.</summary>
    public async Task WaitForStatusAsync(string text, float seconds = 30) =>
        await Page.WaitForFunctionAsync("t => document.getElementById('status').textContent.trim() === t", text,
            new PageWaitForFunctionOptions { Timeout = seconds * 1000 });

    /// <summary>How many times <paramref name="text"/> shows on the page.</summary>
    public Task<int> CountTextAsync(string text) =>
        Page.EvaluateAsync<int>("t => document.body.innerText.split(t).length - 1", text);

    public async Task<IReadOnlyList<Note>> NotesAsync() =>
        JsonSerializer.Deserialize<Note[]>(
            await Page.EvaluateAsync<string>("() => JSON.stringify(window.neuralPiano.notes())"), Json)!;

    /// <summary>The colour drawn at the centre of a cell, as (red, green, blue).</summary>
    public async Task<(int R, int G, int B)> ColorAtAsync(int step, int pitch)
    {
        string hex = await Page.EvaluateAsync<string>("([s, p]) => window.neuralPiano.colorAt(s, p)", new[] { step, pitch });
        Assert.Matches("^#[0-9a-fA-F]{6}$", hex);
        int Channel(int i) => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Channel(0), Channel(1), Channel(2));
    }

    public Task<T> EvaluateAsync<T>(string script) => Page.EvaluateAsync<T>(script);

    /// <summary>Waits until <paramref name="script"/> is true in the page, failing after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(string script, float seconds = 30) =>
        await Page.WaitForFunctionAsync(script, null, new PageWaitForFunctionOptions { Timeout = seconds * 1000 });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A sounding cell of the roll: drawn by the user, or generated by the model.</summary>
    public sealed record Note(int Step, int Pitch, bool Generated);
}
