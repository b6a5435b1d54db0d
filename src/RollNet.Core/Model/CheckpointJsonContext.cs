using System.Text.Json.Serialization;

namespace RollNet.Model;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) serialization of checkpoint headers. Strict about what the
/// format requires (constructor parameters without a default, non-nullable references, no duplicate keys) and
/// tolerant of unknown keys, so that later writers may add optional fields.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CheckpointFileHeader))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
