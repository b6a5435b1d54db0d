using Microsoft.AspNetCore.Http;
using RollNet.Piano.Generation;

namespace RollNet.Piano.Api;

/// <summary>
/// Turns a refused request into its 4xx (400 unless it says otherwise), a server with as many requests computing and
/// waiting as it takes into a 503, and an unexpected failure into a 500, all as <c>{"error": …}</c>, so that no
/// request can take the server down or leave the page without an answer it can show.
/// </summary>
internal static class ErrorResponses
{
    // A generation of the page's usual length takes about a second.
    private const string RetryAfterSeconds = "1";

    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadRequestException e)
        {
            await WriteAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (ServerBusyException e)
        {
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, e.Message, RetryAfterSeconds).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals (a body it cannot read, a connection cut mid-body) are the client's doing too.
            await WriteAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, $"internal error: {e.Message}").ConfigureAwait(false);
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string message, string? retryAfter = null)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsJsonAsync(new ErrorResponse(message.ReplaceLineEndings(" ")), PianoJsonContext.Default.ErrorResponse);
    }
}
