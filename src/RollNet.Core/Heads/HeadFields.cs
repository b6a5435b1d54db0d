using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RollNet.Heads;

/// <summary>
/// A head's fields in the "config" object of a checkpoint header, by their field names (<see cref="HeadSetting.Field"/>),
/// in the order they are written. The header keeps what it does not know here, so a head reads its own.
/// </summary>
internal sealed class HeadFields(Dictionary<string, JsonElement>? fields = null)
{
    /// <summary>The fields, in the order they were written or read.</summary>
    public Dictionary<string, JsonElement> Values { get; } = fields ?? [];

    /// <summary>Whether field <paramref name="name"/> is present (as null too).</summary>
    public bool Has(string name) => Values.ContainsKey(name);

    /// <summary>Writes field <paramref name="name"/>.</summary>
    public void Set<T>(string name, T value, JsonTypeInfo<T> type) => Values[name] = JsonSerializer.SerializeToElement(value, type);

    /// <summary>Field <paramref name="name"/>, or null when it is absent or null.</summary>
    /// <exception cref="ArgumentException">The field holds something else than a <typeparamref name="T"/>.</exception>
    public T? Get<T>(string name, JsonTypeInfo<T> type) where T : struct
    {
        if (!Values.TryGetValue(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            return value.Deserialize(type);
        }
        catch (JsonException)
        {
            throw new ArgumentException($"{name} is malformed: {value.GetRawText()}");
        }
    }

    /// <summary>The JSON types head fields are written as.</summary>
    public static HeadJsonContext Types => HeadJsonContext.Default;
}
