namespace RollNet.Piano.Api;

/// <summary>The body of <c>POST /api/harmonize</c>: a melody and how to draw the voices beneath it.</summary>
/// <param name="Frames">Each step's MIDI pitches (21..108); the highest of each step is the melody. At least one note.</param>
/// <param name="Particles">Candidate pieces weighed against the melody: at least 1, at most the server's limit; 64 when absent.</param>
/// <param name="Temperature">Divides the logits before the sigmoid; positive, 1 when absent.</param>
/// <param name="Seed">Fixes the draws; 1 when absent.</param>
/// <param name="Rests">Where the melody rests: "free" (the model may sound any key; the default) or "hold" (silence).</param>
/// <param name="Model">The id of the model to ask (see <c>GET /api/model</c>); the one the page opens with when absent.</param>
/// <param name="AvoidParallels">Whether to draw a frame again while it moves into parallel fifths or octaves; false when absent.</param>
internal sealed record HarmonizeRequest(int[]?[]? Frames, int? Particles, float? Temperature, ulong? Seed, string? Rests, string? Model, bool? AvoidParallels);
