using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RollNet.IO;

/// <summary>
/// What is wrong with JSON that did not read as one of RollNet's objects, in words for whoever wrote it.
/// System.Text.Json names the .NET type a value did not convert to ("could not be converted to
/// RollNet.Model.CheckpointHeaderConfig. Path: $.config.layers"), or advises on nullability annotations, which says
/// nothing to them.
/// </summary>
internal static class JsonProblem
{
    /// <summary>
    /// Why <paramref name="utf8"/> did not read as <paramref name="type"/>: <paramref name="error"/> is what the
    /// serializer threw, and every answer starts with <paramref name="malformed"/> ("malformed JSON").
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> utf8, JsonTypeInfo type, JsonException error, string malformed)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException notJson)
        {
            return $"{malformed}: {notJson.Message}";
        }

        using (document)
        {
            return Describe(document.RootElement, type, error, malformed);
        }
    }

    /// <summary>
    /// Why <paramref name="root"/>, well-formed JSON, did not read as <paramref name="type"/>: not an object, a member
    /// the type does not have (where it refuses them), one it needs left out, a value of another kind than its
    /// member's, or a whole number beyond its member's range, named by its path ("config.layers", "tensors[3].shape").
    /// </summary>
    public static string Describe(JsonElement root, JsonTypeInfo type, JsonException error, string malformed)
    {
        try
        {
            return $"{malformed}: {Problem(root, type, Segments(error.Path)) ?? error.Message}";
        }
        catch (InvalidOperationException)
        {
            // The document checks a name's bytes only when the name is read.
            return $"{malformed}: a member's name is not valid UTF-8";
        }
    }

    // Goes down the path the serializer stopped at, and says what is wrong with the value there or on the way.
    private static string? Problem(JsonElement element, JsonTypeInfo type, IReadOnlyList<string> path)
    {
        string where = "";
        for (int i = 0; ; i++)
        {
            if (type.Kind == JsonTypeInfoKind.Object)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return where.Length == 0 ? $"expected a JSON object but found {Named(element.ValueKind)}" : $"{where} must be an object";
                }

                string[] names = [.. element.EnumerateObject().Select(m => m.Name)];
                if ((type.UnmappedMemberHandling ?? type.Options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow
                    && names.FirstOrDefault(name => type.Properties.All(p => p.Name != name)) is { } unknown)
                {
                    string[] known = [.. type.Properties.Select(p => p.Name)];
                    string meant = Resemblance.Closest(unknown, known) is { Length: > 0 } resembling
                        ? $" (did you mean {string.Join(" or ", resembling.Select(name => $"'{name}'"))}?)"
                        : "";
                    return $"unknown member '{At(where, unknown)}'{meant}; {(where.Length == 0 ? "it" : where)} takes {string.Join(", ", known)}";
                }

                if (type.Properties.FirstOrDefault(p => p.IsRequired && !names.Contains(p.Name)) is { } missing)
                {
                    return $"missing member '{At(where, missing.Name)}'";
                }
            }

            if (i == path.Count)
            {
                return null;
            }

            string segment = path[i];
            if (segment.StartsWith('['))
            {
                if (type.ElementType is null || element.ValueKind != JsonValueKind.Array
                    || !int.TryParse(segment[1..^1], out int index) || index >= element.GetArrayLength())
                {
                    return null;
                }

                where += segment;
                element = element[index];
                type = type.Options.GetTypeInfo(type.ElementType);
            }
            else
            {
                if (type.Properties.FirstOrDefault(p => p.Name == segment) is not { } member || !element.TryGetProperty(segment, out JsonElement value))
                {
                    return null;
                }

                where = At(where, segment);
                element = value;
                type = type.Options.GetTypeInfo(member.PropertyType);
            }

            // The last value on the path is the one that did not convert, unless it is an object or array whose
            // own members or elements are at fault.
            if (i == path.Count - 1 && type.Kind is JsonTypeInfoKind.None)
            {
                return element.ValueKind == JsonValueKind.Number && element.GetRawText().All(char.IsAsciiDigit)
                    && (Nullable.GetUnderlyingType(type.Type) ?? type.Type) is var number && (number == typeof(int) || number == typeof(long) || number == typeof(ulong))
                    ? $"{where} {element.GetRawText()} is out of range"
                    : $"{where} must be {Kind(type.Type)}";
            }

            if (type.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind != JsonValueKind.Array)
            {
                return $"{where} must be {Kind(type.Type)}";
            }
        }
    }

    // "$.tensors[3].shape" as "tensors", "[3]", "shape".
    private static List<string> Segments(string? path)
    {
        var segments = new List<string>();
        if (path is null || !path.StartsWith('$'))
        {
            return segments;
        }

        for (int i = 1; i < path.Length;)
        {
            int end = path[i] == '[' ? path.IndexOf(']', i) + 1 : path.IndexOfAny(['.', '['], i + 1) is var next and > 0 ? next : path.Length;
            if (end <= i)
            {
                break;
            }

            segments.Add(path[i] == '.' ? path[(i + 1)..end] : path[i..end]);
            i = end;
        }

        return segments;
    }

    private static string At(string where, string member) => where.Length == 0 ? member : $"{where}.{member}";

    private static string Named(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => kind.ToString().ToLowerInvariant(),
        _ => "null",
    };

    private static string Kind(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(ulong) => "a whole number from 0 to 18446744073709551615",
        var t when t == typeof(float) || t == typeof(double) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int[][]) => "an array of steps, each an array of MIDI pitches (whole numbers)",
        var t when t.IsEnum => "one of the names it takes",
        var t when t.IsArray || (t != typeof(string) && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))) => "an array",
        _ => "an object",
    };
}
