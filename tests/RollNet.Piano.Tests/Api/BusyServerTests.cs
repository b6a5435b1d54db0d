using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Piano.Api;
using RollNet.Piano.Generation;
using Xunit;

namespace RollNet.Piano.Tests.Api;

public sealed class BusyServerTests
{
    [Trait("Category", "Hostile")]
    [Fact]
    public async Task A_generation_past_the_waiting_ones_gets_a_503_with_retry_after()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ErrorResponses.Middleware(context, _ => throw new GeneratorsBusyException(running: 2, waiting: 16));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("the server is busy: 2 generations run and 16 wait; try again shortly",
            body.RootElement.GetProperty("error").GetString());
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public async Task Harmonize_and_fill_wait_and_are_refused_on_the_same_generators_as_generate()
    {
        using var pool = new GeneratorPool([PianoServerFixture.BundledModel], () => new CpuBackend(threads: 1), maxConcurrent: 1, maxWaiting: 0);
        HeldKeys melody = HeldKeys.TopVoice(PianoRollJson.FromFrames([[72], [74], [76], [77]], "melody"));
        var conditional = new ConditionalSamplingOptions { Particles = 8 };

        // Admission is decided when the call is made, so whichever request comes second finds the one generator taken.
        Task<PianoRoll> generating = pool.GenerateAsync(0, new PianoRoll(0), 256, new SamplingOptions(), CancellationToken.None);
        await Assert.ThrowsAsync<GeneratorsBusyException>(() => pool.GenerateConditionalAsync(0, melody, conditional, CancellationToken.None));
        await generating;

        Task<ConditionalPiece> harmonizing = pool.GenerateConditionalAsync(0, HeldKeys.TopVoice(PianoRollJson.FromFrames(
            [.. Enumerable.Repeat(new[] { 72 }, 256)], "melody")), conditional, CancellationToken.None);
        await Assert.ThrowsAsync<GeneratorsBusyException>(() => pool.GenerateAsync(0, new PianoRoll(0), 4, new SamplingOptions(), CancellationToken.None));
        Assert.Equal(256, (await harmonizing).Roll.Steps);

        // With the generator back, a harmonize is served and keeps its melody.
        Assert.True(melody.AreKeptBy((await pool.GenerateConditionalAsync(0, melody, conditional, CancellationToken.None)).Roll));
    }
}
