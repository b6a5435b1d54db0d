using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Piano.Api;
using RollNet.Piano.Generation;
using RollNet.Piano.Server;
using RollNet.Piano.Tests.Generation;
using RollNet.Tests.Data;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class BusyServerTests
{
    [Trait("Category", "Hostile")]
    [Fact]
    public async Task AGenerationPastTheWaitingOnesGetsA503WithRetryAfter()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ErrorResponses.Middleware(context, _ => throw new ServerBusyException(running: 2, waiting: 16));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("the server is busy (requests computing: 2, waiting: 16); try again shortly",
            body.RootElement.GetProperty("error").GetString());
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public async Task HarmonizeAndFillWaitAndAreRefusedOnTheSameGeneratorsAsGenerate()
    {
        using var pool = new GeneratorPool([() => new Generator(PianoServerFixture.BundledModel, new CpuBackend(threads: 1))], maxConcurrent: 1, maxWaiting: 0);
        HeldKeys melody = HeldKeys.TopVoice(PianoRollJson.FromFrames([[72], [74], [76], [77]], "melody"));
        var conditional = new ConditionalSamplingOptions { Particles = 8 };

        // Admission is decided when the call is made, so whichever request comes second finds the one generator taken.
        Task<PianoRoll> generating = pool.GenerateAsync(0, new PianoRoll(0), 256, new SamplingOptions(), CancellationToken.None);
        await Assert.ThrowsAsync<ServerBusyException>(() => pool.GenerateConditionalAsync(0, melody, conditional, CancellationToken.None));
        await generating;

        Task<ConditionalPiece> harmonizing = pool.GenerateConditionalAsync(0, HeldKeys.TopVoice(PianoRollJson.FromFrames(
            [.. Enumerable.Repeat(new[] { 72 }, 256)], "melody")), conditional, CancellationToken.None);
        await Assert.ThrowsAsync<ServerBusyException>(() => pool.GenerateAsync(0, new PianoRoll(0), 4, new SamplingOptions(), CancellationToken.None));
        Assert.Equal(256, (await harmonizing).Roll.Steps);

        // With the generator back, a harmonize is served and keeps its melody.
        Assert.True(melody.AreKeptBy((await pool.GenerateConditionalAsync(0, melody, conditional, CancellationToken.None)).Roll));
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public async Task ImportAndExportAreRefusedWithA503WhileGenerationsFillTheServer()
    {
        var gate = new GeneratorGate();
        await using PianoServer server = await gate.StartServerAsync(maxConcurrent: 1, maxWaiting: 0);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
        const string Roll = """{"frames": [[60, 64, 67], [62]]}""";
        byte[] midi = MidiTestFiles.Bytes(0, 480, MidiTestFiles.Note(1, 60, 0, 480));
        Task<HttpResponseMessage> held;
        try
        {
            held = client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 4}""");
            await gate.EnteredAsync();

            foreach (HttpResponseMessage refused in new[]
            {
                await client.PostJsonAsync("/api/midi/export", Roll),
                await client.PostMidiAsync("/api/midi/import", midi),
                await client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 4}"""),
            })
            {
                Assert.Equal("the server is busy (requests computing: 1, waiting: 0); try again shortly",
                    await ErrorOf(refused, HttpStatusCode.ServiceUnavailable));
                Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            }
        }
        finally
        {
            gate.Open();
        }

        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/midi/export", Roll)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostMidiAsync("/api/midi/import", midi)).StatusCode);
    }
    [Fact]
    public async Task AGenerationWhoseClientGivesUpStopsAndFreesItsPlace()
    {
        var gate = new GeneratorGate();
        await using PianoServer server = await gate.StartServerAsync(maxConcurrent: 1, maxWaiting: 0);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
        using var giveUp = new CancellationTokenSource();
        Task<HttpResponseMessage> abandoned = client.PostAsync("/api/generate",
            new StringContent("""{"frames": [], "steps": 4}""", System.Text.Encoding.UTF8, "application/json"), giveUp.Token);
        await gate.EnteredAsync();

        // The page's Cancel drops the request; the generation it started sees that and stops, though the gate stays shut.
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await gate.CancelledAsync();

        // Its place is given back as the generation unwinds: a request refused before that is asked again, until one
        // computes (a place held for good would refuse every one).
        Task entered = gate.EnteredAsync();
        Task<HttpResponseMessage> next;
        for (int refusals = 0; ; refusals++)
        {
            next = client.PostJsonAsync("/api/generate", """{"frames": [], "steps": 4}""");
            if (await Task.WhenAny(next, entered) == entered)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await next).StatusCode);
            Assert.True(refusals < 200, "the abandoned generation never gave its place back");
            await Task.Delay(50);
        }

        gate.Open();
        Assert.Equal(HttpStatusCode.OK, (await next).StatusCode);
    }
}
