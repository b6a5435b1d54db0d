using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace RollNet.Piano.Tests.Api;

public sealed partial class PageTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    [Fact]
    public async Task ServesThePageAndEverythingItLinksToFromItself()
    {
        HttpResponseMessage response = await piano.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("NeuralPiano", html);
        Assert.Matches("<link rel=\"icon\" href=\"data:", html);

        var seen = new HashSet<string>();
        var pending = new Queue<string>(Links(html));
        while (pending.TryDequeue(out string? link))
        {
            if (!seen.Add(link))
            {
                continue;
            }

            Assert.StartsWith("/", link);
            HttpResponseMessage asset = await piano.Client.GetAsync(link);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{link}: {(int)asset.StatusCode}");
            string text = await asset.Content.ReadAsStringAsync();
            Assert.DoesNotMatch("(?:src|href)\\s*=\\s*[\"']?https?:|@import\\s+url\\(\\s*[\"']?https?:|from\\s+[\"']https?:", text);
            foreach (string module in Imports(text))
            {
                pending.Enqueue(module);
            }
        }

        Assert.Contains(seen, l => l.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(seen, l => l.EndsWith(".css", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRefusalThePageShowsIsWrittenInItsMessagesModule()
    {
        var scripts = new Dictionary<string, string>();
        var pending = new Queue<string>(["/js/main.js"]);
        while (pending.TryDequeue(out string? link))
        {
            if (!scripts.ContainsKey(link))
            {
                scripts[link] = await piano.Client.GetStringAsync(link);
                foreach (string module in Imports(scripts[link]))
                {
                    pending.Enqueue(module);
                }
            }
        }

        Assert.Matches(RefusalPattern(), scripts["/js/messages.js"]);
        foreach ((string link, string text) in scripts.Where(s => s.Key != "/js/messages.js"))
        {
            Assert.True(!RefusalPattern().IsMatch(text), $"{link} writes a refusal of its own: {RefusalPattern().Match(text).Value}");
        }
    }

    private static IEnumerable<string> Links(string html) =>
        LinkPattern().Matches(html).Select(m => m.Groups[1].Value).Where(l => !l.StartsWith("data:", StringComparison.Ordinal));

    // ES modules name each other relative to /js/.
    private static IEnumerable<string> Imports(string script) =>
        ImportPattern().Matches(script).Select(m => m.Groups[1].Value.StartsWith("./", StringComparison.Ordinal)
            ? "/js/" + m.Groups[1].Value[2..]
            : m.Groups[1].Value);

    // The wording of the page's refusals inside a string: a setting that "must be" something, "Nothing to" play or
    // export, a limit passed.
    [GeneratedRegex("[\"'`][^\"'`\n]*(?:must be|Nothing to|more than the|takes at most|is over the limit)")]
    private static partial Regex RefusalPattern();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("(?:import|from)\\s+[\"']([^\"']+\\.js)[\"']")]
    private static partial Regex ImportPattern();
}
