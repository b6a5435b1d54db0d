namespace RollNet.Piano.Api;

/// <summary>The body of <c>POST /api/fill</c>: a roll and the span of it to draw anew.</summary>
/// <param name="Frames">Each step's MIDI pitches (21..108).</param>
/// <param name="From">The first step of the span.</param>
/// <param name="To">The step after the span: from &lt; to ≤ the roll's steps.</param>
/// <param name="Particles">Candidate pieces weighed against what surrounds the span: at least 1, at most the server's limit; 64 when absent.</param>
/// <param name="Temperature">Divides the logits before the sigmoid; positive, 1 when absent.</param>
/// <param name="Seed">Fixes the draws; 1 when absent.</param>
/// <param name="Model">The id of the model to ask (see <c>GET /api/model</c>); the one the page opens with when absent.</param>
/// <param name="AvoidParallels">Whether to draw a frame again while it moves into parallel fifths or octaves; false when absent.</param>
internal sealed record FillRequest(int[]?[]? Frames, int? From, int? To, int? Particles, float? Temperature, ulong? Seed, string? Model, bool? AvoidParallels);
