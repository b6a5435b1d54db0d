using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RollNet.IO;

/// <summary>
/// What is wrong with JSON that did not read as one of RollNet's objects, in words for whoever wrote it.
/// System.Text.Json names the .NET type a value did not convert to ("could not be converted to
/// RollNet.Data.PianoRollJsonDocument. Path: $.stepsPerQuarter"), which says nothing to them.
/// </summary>
internal static class JsonProblem
{
    /// <summary>
    /// Why <paramref name="utf8"/> did not read as <paramref name="type"/>, whose members are camelCase and unique:
    /// <paramref name="error"/> is what the serializer threw. Not JSON, a member given twice, something other than an
    /// object, a member the type does not have, a value of another kind than its member's, or a whole number beyond
    /// its member's range, each said as such.
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> utf8, JsonTypeInfo type, JsonException error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException malformed)
        {
            return $"malformed JSON: {malformed.Message}";
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object but found {Named(root.ValueKind)}";
            }

            var members = type.Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);
            string[] names;
            try
            {
                names = [.. root.EnumerateObject().Select(m => m.Name)];
            }
            catch (InvalidOperationException)
            {
                // The document checks a name's bytes only when the name is read.
                return "malformed JSON: a member's name is not valid UTF-8";
            }

            if (names.FirstOrDefault(name => !members.ContainsKey(name)) is { } unknown)
            {
                return $"unknown member '{unknown}'; it takes {string.Join(", ", members.Keys)}";
            }

            // The path names the member whose value did not convert: "$.steps", "$.frames[0][1]".
            string? name = error.Path is { } path && path.StartsWith("$.", StringComparison.Ordinal)
                ? new string([.. path[2..].TakeWhile(c => c is not ('.' or '['))])
                : null;
            if (name is null || !members.TryGetValue(name, out Type? expected) || !root.TryGetProperty(name, out JsonElement value))
            {
                return $"malformed JSON: {error.Message}";
            }

            // A whole number too large for its member is of the right kind: its range is what is wrong.
            Type wanted = Nullable.GetUnderlyingType(expected) ?? expected;
            return value.ValueKind == JsonValueKind.Number && value.GetRawText().All(char.IsAsciiDigit)
                && (wanted == typeof(int) || wanted == typeof(ulong))
                ? $"{name} {value.GetRawText()} is out of range"
                : $"{name} must be {Kind(wanted)}";
        }
    }

    private static string Kind(Type type) => type switch
    {
        _ when type == typeof(int) => "a whole number",
        _ when type == typeof(ulong) => "a whole number from 0 to 18446744073709551615",
        _ when type == typeof(float) || type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(int[][]) => "an array of steps, each an array of MIDI pitches (whole numbers)",
        _ => $"a {type.Name}",
    };

    private static string Named(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => kind.ToString().ToLowerInvariant(),
        _ => "null",
    };
}
