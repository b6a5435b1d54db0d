using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RollNet.Piano.Api;

/// <summary>
/// What is wrong with a request's JSON, in the API's own words. System.Text.Json names the .NET type a value did not
/// convert to ("could not be converted to RollNet.Piano.Api.GenerateRequest. Path: $.steps"), which says nothing to
/// someone writing the request.
/// </summary>
internal static class JsonProblem
{
    /// <summary>
    /// Why <paramref name="request"/>, a JSON object without duplicate members, did not read as
    /// <paramref name="type"/>: <paramref name="error"/> is what the serializer threw.
    /// </summary>
    public static string Describe(JsonElement request, JsonTypeInfo type, JsonException error)
    {
        var members = type.Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);
        if (request.EnumerateObject().Select(m => m.Name).FirstOrDefault(name => !members.ContainsKey(name)) is { } unknown)
        {
            return $"unknown member '{unknown}'; the request takes {string.Join(", ", members.Keys)}";
        }

        // The path names the member whose value did not convert: "$.steps", "$.frames[0][1]".
        string? name = error.Path is { } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? new string([.. path[2..].TakeWhile(c => c is not ('.' or '['))])
            : null;
        if (name is null || !members.TryGetValue(name, out Type? expected))
        {
            return $"malformed JSON: {error.Message}";
        }

        // A whole number too large for the member is of the right kind: its range is what is wrong.
        JsonElement value = request.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number && value.GetRawText().All(char.IsAsciiDigit)
            && Nullable.GetUnderlyingType(expected) is { } number && (number == typeof(int) || number == typeof(ulong))
            ? $"{name} {value.GetRawText()} is out of range"
            : $"{name} must be {Kind(expected)}";
    }

    private static string Kind(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => "a whole number",
        var t when t == typeof(ulong) => "a whole number from 0 to 18446744073709551615",
        var t when t == typeof(float) || t == typeof(double) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int[][]) => "an array of steps, each an array of MIDI pitches (whole numbers)",
        var t => $"a {t.Name}",
    };
}
