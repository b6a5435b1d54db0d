using System.Text.Json.Serialization;

namespace RollNet.Model;

/// <summary>
/// <see cref="OutputHeadKind"/> as its JSON name ("sigmoid", "nade"). Numbers are refused: they would tie the format to
/// the order of the enum's members.
/// </summary>
internal sealed class OutputHeadKindJsonConverter()
    : JsonStringEnumConverter<OutputHeadKind>(namingPolicy: null, allowIntegerValues: false);
