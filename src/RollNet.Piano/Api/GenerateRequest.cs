namespace RollNet.Piano.Api;

/// <summary>The body of <c>POST /api/generate</c>: the music so far and how to continue it.</summary>
/// <param name="Frames">The primer: each step's MIDI pitches (21..108); may be empty.</param>
/// <param name="Steps">Frames to generate: at least 1, at most the server's limit.</param>
/// <param name="Temperature">Divides the logits before the sigmoid; positive, 1 when absent.</param>
/// <param name="Seed">Fixes the draws; 1 when absent.</param>
/// <param name="MaxNotes">Most keys sounding at once; 0 or absent for no limit.</param>
/// <param name="Model">The id of the model to ask (see <c>GET /api/model</c>); the one the page opens with when absent.</param>
/// <param name="AvoidParallels">Whether to draw a frame again while it moves into parallel fifths or octaves; false when absent.</param>
internal sealed record GenerateRequest(int[]?[]? Frames, int? Steps, float? Temperature, ulong? Seed, int? MaxNotes, string? Model, bool? AvoidParallels);
