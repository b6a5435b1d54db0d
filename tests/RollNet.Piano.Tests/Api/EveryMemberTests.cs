using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static RollNet.Piano.Tests.Api.ApiClient;

namespace RollNet.Piano.Tests.Api;

/// <summary>
/// Every member of every request the page sends, given a value of every JSON kind at and beyond its bounds: the server
/// answers it or refuses it with a 400 of one line in the API's words (not .NET's types), and never fails inside (a
/// 500).
/// </summary>
public sealed class EveryMemberTests(PianoServerFixture piano) : IClassFixture<PianoServerFixture>
{
    private static readonly Dictionary<string, string> Valid = new()
    {
        ["/api/generate"] = """{"frames": [[60, 64], [], [62]], "steps": 4, "temperature": 1.0, "seed": 7, "maxNotes": 3, "model": "chorales", "avoidParallels": true}""",
        ["/api/harmonize"] = """{"frames": [[72], [74], [], [76]], "particles": 4, "temperature": 1.0, "seed": 7, "rests": "hold", "model": "chorales", "avoidParallels": false}""",
        ["/api/fill"] = """{"frames": [[60], [62], [64], [65], [67]], "from": 1, "to": 3, "particles": 4, "temperature": 0.8, "seed": 7, "model": "chorales", "avoidParallels": true}""",
        ["/api/midi/export"] = """{"frames": [[60], [], [62, 67]], "tempo": 100, "stepsPerQuarter": 2}""",
    };

    private static readonly string[] Values =
    [
        "null", "0", "-1", "1", "1.5", "-0.0", "2147483648", "-2147483649", "18446744073709551616", "1e38", "1e39", "1e308",
        "true", "\"\"", "\"chorales\"", "\"x\"", "[]", "{}", "[[]]", "[[20]]", "[[109]]", "[[60, 60]]", "[null]", "[[60.5]]",
        "[[\"60\"]]", "[1]", "[[60], 5]",
    ];

    [Trait("Category", "Hostile")]
    [Fact]
    public async Task AnyValueOfAnyMemberIsAnsweredOrRefusedInOneLine()
    {
        var failures = new List<string>();
        foreach ((string path, string body) in Valid)
        {
            JsonObject valid = JsonNode.Parse(body)!.AsObject();
            foreach (string member in valid.Select(m => m.Key).ToList())
            {
                foreach (string value in Values.Append("absent"))
                {
                    JsonObject request = valid.DeepClone().AsObject();
                    if (value == "absent")
                    {
                        request.Remove(member);
                    }
                    else
                    {
                        request[member] = JsonNode.Parse(value);
                    }

                    string json = request.ToJsonString();
                    HttpResponseMessage response = await piano.Client.PostJsonAsync(path, json);
                    string text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.BadRequest)
                    {
                        try
                        {
                            string message = await ErrorOf(response);
                            if (message.Contains("RollNet.", StringComparison.Ordinal) || message.Contains("System.", StringComparison.Ordinal))
                            {
                                failures.Add($"{path} {json}: an error in .NET's types: {message}");
                            }
                        }
                        catch (Exception e)
                        {
                            failures.Add($"{path} {json}: a 400 that is not one line of error: {e.Message.Split('\n')[0]}");
                        }
                    }
                    else if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{path} {json}: {(int)response.StatusCode} {text}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
