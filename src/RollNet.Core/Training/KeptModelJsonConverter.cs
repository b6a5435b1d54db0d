using System.Text.Json.Serialization;

namespace RollNet.Training;

/// <summary>
/// <see cref="KeptModel"/> as its JSON name ("valid", "last": the values of <c>train --keep</c>). Numbers are refused:
/// they would tie the format to the order of the enum's members.
/// </summary>
internal sealed class KeptModelJsonConverter() : JsonStringEnumConverter<KeptModel>(namingPolicy: null, allowIntegerValues: false);
