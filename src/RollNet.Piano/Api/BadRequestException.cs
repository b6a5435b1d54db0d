using Microsoft.AspNetCore.Http;

namespace RollNet.Piano.Api;

/// <summary>
/// A request the server will not serve; its one-line message becomes the answer's <c>error</c>, with
/// <paramref name="statusCode"/> (400 unless the refusal has a more exact status).
/// </summary>
internal sealed class BadRequestException(string message, int statusCode = StatusCodes.Status400BadRequest)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
