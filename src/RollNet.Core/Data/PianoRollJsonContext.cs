using System.Text.Json.Serialization;

namespace RollNet.Data;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) serialization of <see cref="PianoRollJsonDocument"/>. Unknown
/// and duplicate keys are errors, so that a misspelt "frame" is not read as a roll without frames.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PianoRollJsonDocument))]
internal sealed partial class PianoRollJsonContext : JsonSerializerContext;
