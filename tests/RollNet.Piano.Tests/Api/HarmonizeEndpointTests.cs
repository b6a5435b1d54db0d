using System.Net;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

public sealed class HarmonizeEndpointTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    // A chorale's opening line, one note a quarter; the chord on the first step has the melody's note on top.
    private static readonly int[][] Melody =
        [[60, 67, 72], [72], [74], [76], [76], [74], [72], [71], [72], [74], [76], [77], [79], [77], [76], [74]];

    [Fact]
    public async Task KeepsTheHighestNoteOfEveryStepAsTheTopVoiceAndWritesVoicesBeneath()
    {
        (int[][] frames, double nll) = await Harmonize($$"""{"frames": {{FramesJson(Melody)}}, "particles": 32, "temperature": 1.0, "seed": 7}""");

        Assert.Equal(Melody.Length, frames.Length);
        Assert.Equal(Melody.Select(f => f.Max()), frames.Select(f => f.DefaultIfEmpty().Max()));
        Assert.True(frames.Count(f => f.Length > 1) >= Melody.Length / 2,
            $"a model trained on chorales should sound voices beneath most of the melody: {FramesJson(frames)}");
        Assert.True(nll > 0 && double.IsFinite(nll), $"nllPerStep {nll}");
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameHarmonyAndAnotherSeedAnother()
    {
        string Request(int seed) => $$"""{"frames": {{FramesJson(Melody)}}, "particles": 16, "seed": {{seed}}}""";

        var first = await Harmonize(Request(3));
        var again = await Harmonize(Request(3));
        var other = await Harmonize(Request(4));

        Assert.Equal(FramesJson(first.Frames), FramesJson(again.Frames));
        Assert.Equal(first.NllPerStep, again.NllPerStep);
        Assert.NotEqual(FramesJson(first.Frames), FramesJson(other.Frames));
    }

    [Fact]
    public async Task HeldRestsStaySilent()
    {
        int[][] melody = [[72], [74], [], [76], [], [74]];

        (int[][] frames, _) = await Harmonize($$"""{"frames": {{FramesJson(melody)}}, "particles": 8, "rests": "hold", "seed": 2}""");

        Assert.Empty(frames[2]);
        Assert.Empty(frames[4]);
        Assert.Equal([72, 74, 76, 74], new[] { 0, 1, 3, 5 }.Select(t => frames[t].Max()));
    }

    [Theory]
    [InlineData("""{"frames": []}""", "the roll holds no note to harmonize")]
    [InlineData("""{"frames": [[], [], []]}""", "the roll holds no note to harmonize")]
    [InlineData("""{"particles": 8}""", "missing \"frames\"")]
    [InlineData("""{"frames": [[72]], "particles": 0}""", "particles must be between 1 and 256 but is 0")]
    [InlineData("""{"frames": [[72]], "particles": 257}""", "particles must be between 1 and 256 but is 257")]
    [InlineData("""{"frames": [[72]], "particles": -4}""", "particles must be between 1 and 256 but is -4")]
    [InlineData("""{"frames": [[72]], "temperature": 0}""", "temperature must be above 0 but is 0")]
    [InlineData("""{"frames": [[72]], "temperature": -1.5}""", "temperature must be above 0 but is -1.5")]
    [InlineData("""{"frames": [[72]], "rests": "sometimes"}""", "rests must be \"free\" or \"hold\" but is \"sometimes\"")]
    [InlineData("""{"frames": [[109]]}""", "frame 0: pitch 109 is outside 21..108")]
    [InlineData("""{"frames": [[72], null]}""", "frame 1: expected an array of pitches")]
    [InlineData("""{"frames": [[72]], "temprature": 0.5}""", "unknown member 'temprature'")]
    [InlineData("""{"frames": [[72]], "steps": 8}""", "unknown member 'steps'; it takes frames, particles, temperature, seed, rests, model, avoidParallels")]
    [InlineData("""{"frames": [[72]], "particles": "many"}""", "particles must be a whole number")]
    [InlineData("null", "expected a JSON object but found null")]
    [InlineData("", "the request body is empty")]
    public async Task RefusesBadRequestsWithA400AndAOneLineError(string body, string expected)
    {
        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/harmonize", body);

        Assert.Contains(expected, await ErrorOf(response));
        Assert.Equal(HttpStatusCode.OK, (await piano.Client.GetAsync("/api/model")).StatusCode);
    }

    [Fact]
    public async Task RefusesMoreParticleStepsThanTheLimit()
    {
        int steps = (piano.Limits.MaxParticleSteps / 64) + 1;
        int[][] melody = [.. Enumerable.Repeat(new[] { 72 }, steps)];

        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/harmonize", $$"""{"frames": {{FramesJson(melody)}}, "particles": 64}""");

        Assert.Equal($"64 particles over {steps} steps are {64 * steps:N0} particle-steps, more than the "
            + $"{piano.Limits.MaxParticleSteps:N0} allowed: use fewer particles or a shorter roll", await ErrorOf(response));
    }

    [Fact]
    public async Task RefusesARollOverTheStepLimit()
    {
        int[][] frames = [.. Enumerable.Repeat(new[] { 72 }, piano.Limits.MaxFrames + 1)];

        HttpResponseMessage response = await piano.Client.PostJsonAsync("/api/harmonize", $$"""{"frames": {{FramesJson(frames)}}, "particles": 1}""");

        Assert.Equal($"the roll has {piano.Limits.MaxFrames + 1} steps, more than the {piano.Limits.MaxFrames} allowed", await ErrorOf(response));
    }

    private Task<(int[][] Frames, double NllPerStep)> Harmonize(string body) => piano.Client.DrawAsync("/api/harmonize", body);
}
