using System.Net;
using System.Text.Json;
using RollNet.Piano.Server;
using RollNet.Piano.Tests.Generation;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class ResponsivenessTests
{
    [Fact]
    public async Task ThePageAndTheModelsDescriptionAnswerWhileEveryGeneratorIsHeld()
    {
        // The one generator and the one waiting place are taken by generations held at the gate, so anything that
        // waited on generation work, or was counted against its bound, would hang or be refused here.
        var gate = new GeneratorGate();
        await using PianoServer server = await gate.StartServerAsync(maxConcurrent: 1, maxWaiting: 1);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
        Task<HttpResponseMessage> held, queued;
        try
        {
            held = client.PostJsonAsync("/api/generate", """{"frames": [[60, 64, 67]], "steps": 16}""");
            await gate.EnteredAsync();
            queued = client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 8}""");

            HttpResponseMessage page = await client.GetAsync("/");
            HttpResponseMessage script = await client.GetAsync("/js/main.js");
            HttpResponseMessage description = await client.GetAsync("/api/model");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal(HttpStatusCode.OK, description.StatusCode);
            using JsonDocument model = JsonDocument.Parse(await description.Content.ReadAsStringAsync());
            Assert.Equal("gated", model.RootElement.GetProperty("name").GetString());
            Assert.False(held.IsCompleted, "the held generation answered before its gate opened");
        }
        finally
        {
            gate.Open();
        }

        Assert.Equal(16, await StepsOf(await held));
        Assert.Equal(8, await StepsOf(await queued));
    }

    private static async Task<int> StepsOf(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using JsonDocument document = JsonDocument.Parse(body);
        return FramesOf(document.RootElement).Length;
    }
}
