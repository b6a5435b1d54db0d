using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class DuplicateKeyTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    [Trait("Category", "Hostile")]
    [Theory]
    [InlineData("/api/generate", """{"frames": [[60]], "steps": 8, "steps": 1024}""", "steps")]
    [InlineData("/api/generate", """{"frames": [[60]], "frames": [[20]], "steps": 8}""", "frames")]
    [InlineData("/api/harmonize", """{"frames": [[72]], "particles": 8, "particles": 256}""", "particles")]
    [InlineData("/api/fill", """{"frames": [[60], [62]], "from": 0, "to": 1, "to": 2}""", "to")]
    [InlineData("/api/midi/export", """{"frames": [[60]], "tempo": 120, "tempo": 5000}""", "tempo")]
    public async Task AKeyGivenTwiceIsRefusedNamingIt(string path, string body, string key)
    {
        string error = await ErrorOf(await piano.Client.PostJsonAsync(path, body));

        Assert.StartsWith("malformed JSON: ", error, StringComparison.Ordinal);
        Assert.Contains("uplicate", error, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", error, StringComparison.Ordinal);
    }
}
