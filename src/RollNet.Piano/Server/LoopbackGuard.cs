using Microsoft.AspNetCore.Http;
using RollNet.Piano.Api;

namespace RollNet.Piano.Server;

/// <summary>
/// Lets through only requests meant for this server and, when they come from a page, from its own page. A site that
/// points a host name of its own at 127.0.0.1 (DNS rebinding) is refused by the Host check with a 421, and a page of
/// another site that calls the API is refused by the Origin check with a 403.
/// </summary>
internal static class LoopbackGuard
{
    private static readonly string[] HostNames = ["127.0.0.1", "localhost", "[::1]"];

    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        int port = context.Connection.LocalPort;
        HostString host = context.Request.Host;
        if (!IsOwn(host.Host, host.Port ?? 80, port))
        {
            throw new BadRequestException(
                $"this server answers only to 127.0.0.1:{port} and localhost:{port}, not to host \"{host}\"",
                StatusCodes.Status421MisdirectedRequest);
        }

        // Browsers send Origin with every request a page makes to another origin and with every POST; programs such
        // as curl send none, and are not pages of another site.
        string? origin = context.Request.Headers.Origin;
        if (origin is not null
            && !(Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp
                 && uri.AbsolutePath == "/" && IsOwn(uri.Host, uri.Port, port)))
        {
            throw new BadRequestException($"requests from the page at {origin} are refused: only NeuralPiano's own page may call it",
                StatusCodes.Status403Forbidden);
        }

        return next(context);
    }

    private static bool IsOwn(string hostName, int hostPort, int port) =>
        hostPort == port && HostNames.Contains(hostName, StringComparer.OrdinalIgnoreCase);
}
