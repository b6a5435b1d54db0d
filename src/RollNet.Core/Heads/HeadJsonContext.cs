using System.Text.Json.Serialization;

namespace RollNet.Heads;

/// <summary>Source-generated (reflection-free, trimming-safe) JSON of the values heads write in a checkpoint header.</summary>
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(KeyOrder))]
internal sealed partial class HeadJsonContext : JsonSerializerContext;
