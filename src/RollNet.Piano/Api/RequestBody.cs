using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RollNet.IO;

namespace RollNet.Piano.Api;

/// <summary>Reads request bodies up to a size limit, turning every problem into a <see cref="BadRequestException"/>.</summary>
internal static class RequestBody
{
    /// <summary>The whole body, refused as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    /// <summary>
    /// Refuses a body of another type than <paramref name="mediaType"/> with a 415: a page of another site can send a
    /// <c>text/plain</c> or form body without asking first, but not one of these types.
    /// </summary>
    public static void RequireType(HttpRequest request, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
            || !string.Equals(type.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException(
                $"the request body must be {mediaType}, not {(string.IsNullOrEmpty(request.ContentType) ? "untyped" : request.ContentType)}",
                StatusCodes.Status415UnsupportedMediaType);
        }
    }

    /// <summary>The body, which must be <c>application/json</c>, parsed as JSON of <paramref name="type"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, int limit, JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
        where T : class
    {
        RequireType(request, "application/json");
        byte[] body = await ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            throw new BadRequestException("the request body is empty; expected a JSON object");
        }

        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new BadRequestException("expected a JSON object but found null");
        }
        catch (JsonException e)
        {
            throw new BadRequestException(JsonProblem.Describe(body, type, e, "malformed JSON"));
        }
    }

    private static BadRequestException TooLarge(int limit) =>
        new($"the request body is over the limit of {limit:N0} bytes");
}
