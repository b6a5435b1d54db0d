using System.Text.Json.Serialization;

namespace RollNet.Piano.Api;

/// <summary>
/// A roll in the JSON form of <c>rollnet convert</c>: <c>{"stepsPerQuarter": N, "frames": [[60, 64, 67], …]}</c>, with
/// what the grid did to the notes and the id of the model whose grid it was when it was read from MIDI; generate
/// answers the frames alone.
/// </summary>
internal sealed record RollResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StepsPerQuarter,
    int[][] Frames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QuantisationResponse? Quantisation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null);
