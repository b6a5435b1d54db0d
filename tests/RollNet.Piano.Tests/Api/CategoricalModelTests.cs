using System.Net;
using System.Text.Json;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Piano.Server;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class CategoricalModelTests
{
    [Fact]
    public async Task AMelodyModelSaysSoGeneratesOneKeyOrNoneAStepAndFillsAGapInAMelody()
    {
        Checkpoint melody = PianoServerFixture.Untrained(new ModelConfig(Layers: 1, HiddenSize: 16, Head: HeadOptions.Categorical));

        await using PianoServer server = await PianoServerFixture.StartWith("melody", melody);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };

        using (JsonDocument description = JsonDocument.Parse(await client.GetStringAsync("/api/model")))
        {
            Assert.Equal("categorical", description.RootElement.GetProperty("head").GetString());
            Assert.Equal(HeadOptions.Categorical.Description, description.RootElement.GetProperty("headDescription").GetString());
        }

        HttpResponseMessage response = await client.PostJsonAsync("/api/generate",
            """{"frames": [[60], [62], [64]], "steps": 32, "temperature": 2, "seed": 5}""");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        int[][] generated = FramesOf(document.RootElement);
        Assert.Equal(32, generated.Length);
        Assert.All(generated, frame => Assert.InRange(frame.Length, 0, 1));
        Assert.Contains(generated, frame => frame.Length == 1);

        int[][] tune = [[60], [62], [64], [65], [67], [65], [64], [62], [60], [62]];
        (int[][] filled, double nll) = await client.DrawAsync("/api/fill",
            $$"""{"frames": {{FramesJson(tune)}}, "from": 3, "to": 7, "particles": 16, "seed": 2}""");
        Assert.Equal(FramesJson(tune[..3]), FramesJson(filled[..3]));
        Assert.Equal(FramesJson(tune[7..]), FramesJson(filled[7..]));
        Assert.All(filled, frame => Assert.InRange(frame.Length, 0, 1));
        Assert.True(nll > 0 && double.IsFinite(nll), $"nllPerStep {nll}");
    }
}
