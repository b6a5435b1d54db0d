using System.Net;
using System.Text.Json;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Piano.Server;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class NadeModelTests
{
    [Fact]
    public async Task AModelWithANADEHeadSaysSoAndGeneratesWithinMaxNotes()
    {
        Checkpoint nade = PianoServerFixture.Untrained(
            new ModelConfig(Layers: 1, HiddenSize: 16, Head: new NadeHeadOptions(12)));

        await using PianoServer server = await PianoServerFixture.StartWith("nade", nade);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };

        using (JsonDocument description = JsonDocument.Parse(await client.GetStringAsync("/api/model")))
        {
            Assert.Equal("nade", description.RootElement.GetProperty("head").GetString());
            Assert.Equal("NADE head (12 units): a frame's keys drawn together",
                description.RootElement.GetProperty("headDescription").GetString());
        }

        HttpResponseMessage response = await client.PostJsonAsync("/api/generate",
            """{"frames": [[60, 64, 67]], "steps": 16, "temperature": 2, "maxNotes": 3, "seed": 5}""");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        int[][] frames = FramesOf(document.RootElement);
        Assert.Equal(16, frames.Length);
        Assert.All(frames, frame => Assert.InRange(frame.Length, 0, 3));
        Assert.Contains(frames, frame => frame.Length > 0);
    }
}
