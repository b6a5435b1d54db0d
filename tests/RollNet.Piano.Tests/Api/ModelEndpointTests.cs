using System.Net;
using System.Text.Json;
using RollNet.Model;
using Xunit;

namespace RollNet.Piano.Tests.Api;

public sealed class ModelEndpointTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    [Fact]
    public async Task DescribesTheLoadedModelAndTheLimits()
    {
        HttpResponseMessage response = await piano.Client.GetAsync("/api/model");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement model = document.RootElement;
        ModelConfig config = PianoServerFixture.BundledModel.Config;
        Assert.Equal("the bundled chorale model", model.GetProperty("name").GetString());
        Assert.Equal(config.Layers, model.GetProperty("layers").GetInt32());
        Assert.Equal(config.HiddenSize, model.GetProperty("hiddenSize").GetInt32());
        Assert.Equal(config.Dropout, model.GetProperty("dropout").GetSingle());
        Assert.Equal(config.ParameterCount(), model.GetProperty("parameters").GetInt32());
        Assert.Equal("nade", model.GetProperty("head").GetString());
        Assert.Equal(config.Head.Description, model.GetProperty("headDescription").GetString());
        // The bundled model learnt the chorales, then twice its own continuations of them.
        Assert.Equal("JSB Chorales, then own-chorales-1, then own-chorales-2", model.GetProperty("trainedOn").GetString());
        Assert.Equal(1, model.GetProperty("stepsPerQuarter").GetInt32());
        Assert.Equal("cpu", model.GetProperty("device").GetString());
        Assert.Equal(piano.Limits.MaxSteps, model.GetProperty("maxSteps").GetInt32());
        Assert.Equal(piano.Limits.MaxFrames, model.GetProperty("maxFrames").GetInt32());
        Assert.Equal(piano.Limits.MaxParticles, model.GetProperty("maxParticles").GetInt32());
        Assert.Equal(piano.Limits.MaxParticleSteps, model.GetProperty("maxParticleSteps").GetInt32());
    }

    [Fact]
    public async Task AnUnknownAddressIsA404NotThePage()
    {
        HttpResponseMessage response = await piano.Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
