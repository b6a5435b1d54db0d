namespace RollNet.Piano.Api;

/// <summary>The answer of <c>POST /api/harmonize</c> and <c>POST /api/fill</c>.</summary>
/// <param name="Frames">The whole piece, as long as the roll sent: the held keys as they were, the rest drawn.</param>
/// <param name="NllPerStep">
/// Nats a step (with a drawn key) of what the model drew, given what was held, as the particles estimate it; null when
/// nothing was drawn.
/// </param>
internal sealed record ConditionalResponse(int[][] Frames, double? NllPerStep);
