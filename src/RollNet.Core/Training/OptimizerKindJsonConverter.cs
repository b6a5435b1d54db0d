using System.Text.Json.Serialization;

namespace RollNet.Training;

/// <summary>
/// <see cref="OptimizerKind"/> as its JSON name ("adam", "sgd"). Numbers are refused: they would tie the format to the
/// order of the enum's members.
/// </summary>
internal sealed class OptimizerKindJsonConverter() : JsonStringEnumConverter<OptimizerKind>(namingPolicy: null, allowIntegerValues: false);
