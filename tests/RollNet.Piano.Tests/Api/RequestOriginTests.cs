using Xunit;
using System.Net;
using System.Text;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

/// <summary>Only requests addressed to the server by a loopback name, and from a browser only its own page's, are served.</summary>
[Trait("Category", "Hostile")]
public sealed class RequestOriginTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    private const string Request = """{"frames": [[60, 64, 67]], "steps": 2, "seed": 1}""";

    private int Port => piano.Server.Address.Port;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task LoopbackHostNamesWithTheServersPortAreServed(string host)
    {
        using HttpResponseMessage model = await Send(HttpMethod.Get, "api/model", host: $"{host}:{Port}");
        using HttpResponseMessage page = await Send(HttpMethod.Get, "", host: $"{host}:{Port}");

        Assert.Equal(HttpStatusCode.OK, model.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("evil.example:{port}")]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    public async Task AnotherHostIsRefusedForThePageAndTheApi(string host)
    {
        host = WithPort(host);
        foreach (string path in new[] { "", "api/model" })
        {
            using HttpResponseMessage response = await Send(HttpMethod.Get, path, host: host);

            Assert.Contains("answers only to 127.0.0.1", await ErrorOf(response, HttpStatusCode.MisdirectedRequest), StringComparison.Ordinal);
        }

        using HttpResponseMessage generate = await Send(HttpMethod.Post, "api/generate", host: host, json: Request);
        await ErrorOf(generate, HttpStatusCode.MisdirectedRequest);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost:1")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("null")]
    public async Task APageOfAnotherOriginCannotRunTheModel(string origin)
    {
        origin = WithPort(origin);

        using HttpResponseMessage response = await Send(HttpMethod.Post, "api/generate", origin: origin, json: Request);

        Assert.Contains("only NeuralPiano's own page", await ErrorOf(response, HttpStatusCode.Forbidden), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task TheServersOwnPageMayRunTheModel(string host)
    {
        using HttpResponseMessage response = await Send(HttpMethod.Post, "api/generate", host: $"{host}:{Port}",
            origin: $"http://{host}:{Port}", json: Request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("api/generate", "text/plain")]
    [InlineData("api/generate", "application/x-www-form-urlencoded")]
    [InlineData("api/generate", null)]
    [InlineData("api/midi/export", "text/plain")]
    [InlineData("api/midi/import", "text/plain")]
    [InlineData("api/midi/import", "application/json")]
    public async Task ABodyOfAnotherTypeIsRefused(string path, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Request));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using HttpResponseMessage response = await piano.Client.PostAsync(path, content);

        Assert.Contains("the request body must be", await ErrorOf(response, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
    }

    /// <summary><paramref name="text"/> with <c>{port}</c> standing for the server's port.</summary>
    private string WithPort(string text) =>
        text.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? host = null, string? origin = null,
        string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await piano.Client.SendAsync(request);
    }
}
