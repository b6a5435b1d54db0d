using System.Text.Json.Serialization;

namespace RollNet.Piano.Api;

/// <summary>
/// The JSON of the API, camelCase. Unknown and repeated members are refused, as rollnet's JSON roll reader refuses
/// them, so that a misspelt "temprature" is an error rather than a silent default, and a request says one thing
/// rather than whichever of two values a reader keeps.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(HarmonizeRequest))]
[JsonSerializable(typeof(FillRequest))]
[JsonSerializable(typeof(ConditionalResponse))]
[JsonSerializable(typeof(ExportRequest))]
[JsonSerializable(typeof(RollResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class PianoJsonContext : JsonSerializerContext;
