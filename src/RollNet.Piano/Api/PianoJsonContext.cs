using System.Text.Json.Serialization;

namespace RollNet.Piano.Api;

/// <summary>
/// The JSON of the API, camelCase. Unknown members are refused, so that a misspelt "temprature" is an error rather
/// than a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(HarmonizeRequest))]
[JsonSerializable(typeof(FillRequest))]
[JsonSerializable(typeof(ConditionalResponse))]
[JsonSerializable(typeof(ExportRequest))]
[JsonSerializable(typeof(RollResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class PianoJsonContext : JsonSerializerContext;
