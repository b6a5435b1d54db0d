using System.Net;
using System.Text.Json;
using RollNet.Compute;
using RollNet.Model;
using RollNet.Piano.Server;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class ResponsivenessTests
{
    [Fact]
    public async Task The_page_and_the_models_description_answer_beside_a_long_generation_and_its_queue()
    {
        // An untrained wide model reads 38 MB of weights a step, so 1,024 steps take a while on one thread; the page,
        // the description and a request queued behind the generation all get their answers. (Nothing here depends on
        // which finishes first: the machine may be fast or busy.)
        Checkpoint wide = PianoServerFixture.Untrained(new ModelConfig(Layers: 2, HiddenSize: 768));

        await using PianoServer server = await PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel("wide", "wide", wide)],
            CreateBackend = () => new CpuBackend(threads: 1),
            MaxConcurrentGenerations = 1,
        });
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };

        Task<HttpResponseMessage> slow = client.PostJsonAsync("/api/generate", """{"frames": [[60, 64, 67]], "steps": 1024}""");
        Task<HttpResponseMessage> queued = client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 8}""");
        HttpResponseMessage page = await client.GetAsync("/");
        HttpResponseMessage description = await client.GetAsync("/api/model");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, description.StatusCode);
        Assert.Equal(1024, await StepsOf(await slow));
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
