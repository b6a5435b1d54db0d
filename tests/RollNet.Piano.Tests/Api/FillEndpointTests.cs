using System.Net;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class FillEndpointTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    // Six bars of four-part chords; steps 8 to 16 are the span the model rewrites.
    private static readonly int[][] Roll =
    [
        .. Enumerable.Range(0, 24).Select(t => (t % 4) switch
        {
            0 => new[] { 48, 55, 64, 72 },
            1 => [50, 57, 65, 74],
            2 => [52, 59, 67, 76],
            _ => [43, 55, 62, 71],
        }),
    ];

    [Fact]
    public async Task KeepsEveryStepOutsideTheSpanAndDrawsTheSpanAnew()
    {
        (int[][] frames, double nll) = await Fill($$"""{"frames": {{FramesJson(Roll)}}, "from": 8, "to": 16, "particles": 32, "temperature": 1.0, "seed": 7}""");

        Assert.Equal(Roll.Length, frames.Length);
        Assert.Equal(FramesJson(Roll[..8]), FramesJson(frames[..8]));
        Assert.Equal(FramesJson(Roll[16..]), FramesJson(frames[16..]));
        Assert.True(frames[8..16].Sum(f => f.Length) > 0, "a model trained on chorales should sound notes in eight steps of a chorale");
        Assert.True(nll > 0 && double.IsFinite(nll), $"nllPerStep {nll}");
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameFillAndAnotherSeedAnother()
    {
        string Request(int seed) => $$"""{"frames": {{FramesJson(Roll)}}, "from": 4, "to": 20, "particles": 16, "seed": {{seed}}}""";

        var first = await Fill(Request(3));
        var again = await Fill(Request(3));
        var other = await Fill(Request(4));

        Assert.Equal(FramesJson(first.Frames), FramesJson(again.Frames));
        Assert.Equal(first.NllPerStep, again.NllPerStep);
        Assert.NotEqual(FramesJson(first.Frames), FramesJson(other.Frames));
    }

    [Fact]
    public async Task FillsASpanAtTheEndAndASpanOfSilence()
    {
        (int[][] atEnd, _) = await Fill($$"""{"frames": {{FramesJson(Roll)}}, "from": 20, "to": 24, "particles": 8}""");
        (int[][] silence, _) = await Fill("""{"frames": [[], [], [], [], [], [], [], []], "from": 0, "to": 8, "particles": 8, "seed": 3}""");

        Assert.Equal(FramesJson(Roll[..20]), FramesJson(atEnd[..20]));
        Assert.Equal(8, silence.Length);
    }

    [Theory]
    [InlineData("""{"frames": [[60], [62], [64]], "from": 2, "to": 2}""", "from must be before to but the span is 2 to 2")]
    [InlineData("""{"frames": [[60], [62], [64]], "from": 2, "to": 1}""", "from must be before to but the span is 2 to 1")]
    [InlineData("""{"frames": [[60], [62], [64]], "from": -1, "to": 2}""", "the span -1 to 2 is not inside the roll's 3 steps")]
    [InlineData("""{"frames": [[60], [62], [64]], "from": 1, "to": 4}""", "the span 1 to 4 is not inside the roll's 3 steps")]
    [InlineData("""{"frames": [], "from": 0, "to": 1}""", "the span 0 to 1 is not inside the roll's 0 steps")]
    [InlineData("""{"frames": [[60], [62], [64]], "to": 2}""", "missing \"from\"")]
    [InlineData("""{"frames": [[60], [62], [64]], "from": 1}""", "missing \"to\"")]
    [InlineData("""{"from": 0, "to": 1}""", "missing \"frames\"")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "particles": 0}""", "particles must be between 1 and 256 but is 0")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "particles": 300}""", "particles must be between 1 and 256 but is 300")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "temperature": 0}""", "temperature must be above 0 but is 0")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "temperature": -2}""", "temperature must be above 0 but is -2")]
    [InlineData("""{"frames": [[60], [20]], "from": 0, "to": 1}""", "frame 1: pitch 20 is outside 21..108")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "rests": "hold"}""", "unknown member 'rests'")]
    [InlineData("""{"frames": [[60], [62]], "from": 0, "to": 1, "particle": 8}""", "unknown member 'particle' (did you mean 'particles'?)")]
    [InlineData("""{"frames": [[60], [62]], "from": 0.5, "to": 1}""", "from must be a whole number")]
    [InlineData("not json at all", "malformed JSON")]
    public async Task RefusesBadRequestsWithA400AndAOneLineError(string body, string expected)
    {
        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/fill", body);

        Assert.Contains(expected, await ErrorOf(response));
        Assert.Equal(HttpStatusCode.OK, (await piano.Client.GetAsync("/api/model")).StatusCode);
    }

    [Fact]
    public async Task RefusesMoreParticleStepsThanTheLimitAndABodyOverTheSizeLimit()
    {
        int steps = (piano.Limits.MaxParticleSteps / 256) + 1;
        int[][] frames = [.. Enumerable.Repeat(new[] { 60 }, steps)];
        string padding = new(' ', piano.Limits.MaxBodyBytes);

        HttpResponseMessage tooMuch = await piano.Client.PostJsonAsync("/api/fill",
            $$"""{"frames": {{FramesJson(frames)}}, "from": 0, "to": 4, "particles": 256}""");
        HttpResponseMessage tooLarge = await piano.Client.PostJsonAsync("/api/fill", $$"""{"frames": [[60]],{{padding}} "from": 0, "to": 1}""");

        Assert.Contains("particle-steps, more than the 16,384 allowed", await ErrorOf(tooMuch));
        Assert.Contains("over the limit of", await ErrorOf(tooLarge));
    }

    private Task<(int[][] Frames, double NllPerStep)> Fill(string body) => piano.Client.DrawAsync("/api/fill", body);
}
