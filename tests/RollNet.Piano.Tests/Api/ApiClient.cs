using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RollNet.Piano.Tests.Api;

/// <summary>Requests the tests send, and the checks every answer of the API must pass.</summary>
internal static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostMidiAsync(this HttpClient client, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/midi");
        return client.PostAsync(path, content);
    }

    /// <summary>
    /// The answer must be a <paramref name="status"/> (400 unless given) whose body is <c>{"error": "…"}</c>, one line;
    /// returns the message.
    /// </summary>
    public static async Task<string> ErrorOf(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        string message = document.RootElement.GetProperty("error").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
        return message;
    }

    /// <summary>The frames of a roll in the API's JSON: one array of MIDI pitches per step.</summary>
    public static int[][] FramesOf(JsonElement root) =>
        [.. root.GetProperty("frames").EnumerateArray().Select(f => f.EnumerateArray().Select(p => p.GetInt32()).ToArray())];

    public static string FramesJson(IEnumerable<int[]> frames) => JsonSerializer.Serialize(frames);

    /// <summary>
    /// Posts a harmonize or fill request that must succeed, and returns its answer, which must hold the frames and the
    /// likelihood of what was drawn and nothing else.
    /// </summary>
    public static async Task<(int[][] Frames, double NllPerStep)> DrawAsync(this HttpClient client, string path, string json)
    {
        HttpResponseMessage response = await client.PostJsonAsync(path, json);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using JsonDocument document = JsonDocument.Parse(text);
        Assert.Equal(["frames", "nllPerStep"], document.RootElement.EnumerateObject().Select(p => p.Name));
        int[][] frames = FramesOf(document.RootElement);
        Assert.All(frames.SelectMany(f => f), pitch => Assert.InRange(pitch, 21, 108));
        Assert.All(frames, f => Assert.Equal(f.Distinct().Order(), f));
        return (frames, document.RootElement.GetProperty("nllPerStep").GetDouble());
    }
}
