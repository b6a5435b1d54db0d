namespace RollNet.Piano.Api;

/// <summary>The body of every 400 (and of a 500): <c>{"error": "…"}</c>, one line.</summary>
internal sealed record ErrorResponse(string Error);
