using Microsoft.Playwright;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Piano.Server;
using Xunit;

namespace RollNet.Piano.Tests.Browser;

/// <summary>
/// One NeuralPiano server and one headless Chromium for all the browser tests: Debian's Chromium (the binary, not
/// the /usr/bin wrapper script) or the one named by ROLLNET_CHROMIUM, driven by Playwright without downloading a
/// browser. Where there is none, <see cref="Unavailable"/> says why and the tests skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string DefaultChromium = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public PianoServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        string chromium = Environment.GetEnvironmentVariable("ROLLNET_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            Unavailable = $"no Chromium at {chromium} (apt-get install chromium, or set ROLLNET_CHROMIUM)";
            return;
        }

        Server = await PianoServer.StartAsync(new PianoServerOptions
        {
            // A second model on another grid, for the model list and for imports that go to the grid that loses fewest notes.
            Models =
            [
                new PianoModel("chorales", "the bundled chorale model", PianoServerFixture.BundledModel),
                new PianoModel("eighths", "eighths.rollnet", PianoServerFixture.Untrained(
                    new ModelConfig(Layers: 1, HiddenSize: 16, Head: new NadeHeadOptions(8)))),
            ],
            CreateBackend = () => new CpuBackend(threads: 1),
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                // Audio starts from the test's clicks as from a person's; the flag keeps a slow machine from racing it.
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
