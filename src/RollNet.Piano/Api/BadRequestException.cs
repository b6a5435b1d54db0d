namespace RollNet.Piano.Api;

/// <summary>A request the server will not serve; its one-line message becomes the 400 answer's <c>error</c>.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
