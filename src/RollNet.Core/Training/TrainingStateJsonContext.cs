using System.Text.Json.Serialization;

namespace RollNet.Training;

/// <summary>
/// Source-generated serialization of <see cref="TrainingState"/> as a checkpoint header's "training" object
/// (docs/FORMAT.md): strict about what the format requires and tolerant of unknown keys, as the rest of the header is.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TrainingState))]
internal sealed partial class TrainingStateJsonContext : JsonSerializerContext;
