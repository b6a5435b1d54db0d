namespace RollNet.Data;

/// <summary>
/// The JSON form of a roll, <c>{"stepsPerQuarter": N, "frames": [[60, 64, 67], [], …]}</c>. Both members are
/// nullable so that a missing one is reported by name rather than by the serializer's wording.
/// </summary>
internal sealed record PianoRollJsonDocument(int? StepsPerQuarter, int[]?[]? Frames);
