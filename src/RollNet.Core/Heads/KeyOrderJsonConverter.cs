using System.Text.Json.Serialization;

namespace RollNet.Heads;

/// <summary><see cref="KeyOrder"/> as its JSON name ("ascending", "descending"); numbers are refused.</summary>
internal sealed class KeyOrderJsonConverter() : JsonStringEnumConverter<KeyOrder>(namingPolicy: null, allowIntegerValues: false);
