namespace RollNet.Piano.Api;

/// <summary>The body of <c>POST /api/midi/export</c>.</summary>
/// <param name="Frames">Each step's MIDI pitches (21..108).</param>
/// <param name="Tempo">Quarter notes per minute; the MIDI writer's default when absent.</param>
/// <param name="StepsPerQuarter">The roll's grid; that of the model the page opens with when absent.</param>
internal sealed record ExportRequest(int[]?[]? Frames, double? Tempo, int? StepsPerQuarter);
