using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RollNet.Piano.Api;
using RollNet.Piano.Generation;

namespace RollNet.Piano.Server;

/// <summary>
/// NeuralPiano's web server: the page (embedded in this assembly) and its JSON API, on 127.0.0.1 only, for requests
/// addressed to a loopback host name and, from a browser, only from its own page.
/// </summary>
public sealed class PianoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GeneratorPool _generators;

    private PianoServer(WebApplication app, GeneratorPool generators, Uri address)
    {
        (_app, _generators, Address) = (app, generators, address);
    }

    /// <summary>Where the page is, such as http://127.0.0.1:5380/.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts serving. Throws what the backend throws when the device cannot be used, and <see cref="IOException"/>
    /// when the port is taken.
    /// </summary>
    public static Task<PianoServer> StartAsync(PianoServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartAsync(options, model => new Generator(model.Checkpoint, options.CreateBackend()), cancellationToken);
    }

    /// <summary>Starts serving with generators that <paramref name="createGenerator"/> makes of each model in place of its own.</summary>
    internal static async Task<PianoServer> StartAsync(PianoServerOptions options, Func<PianoModel, IGenerator> createGenerator,
        CancellationToken cancellationToken = default)
    {
        PianoLimits limits = options.Limits.Validate();
        IReadOnlyList<PianoModel> models = CheckModels(options.Models);
        var generators = new GeneratorPool([.. models.Select(m => (Func<IGenerator>)(() => createGenerator(m)))],
            options.MaxConcurrentGenerations, options.MaxWaitingGenerations);
        try
        {
            var api = new PianoApi(generators, models, limits);
            WebApplication app = Build(options.Port, api);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            string address = app.Urls.Single();
            return new PianoServer(app, generators, new Uri(address + "/"));
        }
        catch
        {
            generators.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the server stops: on <paramref name="cancellationToken"/> or <see cref="DisposeAsync"/>.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops serving, letting requests in flight finish, and frees the models.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _generators.Dispose();
    }

    private static IReadOnlyList<PianoModel> CheckModels(IReadOnlyList<PianoModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("a server needs at least one model", nameof(models));
        }

        if (models.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"two models have the id \"{twice.Key}\"", nameof(models));
        }

        return models;
    }

    private static WebApplication Build(int port, PianoApi api)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PianoServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        app.Use(ErrorResponses.Middleware);
        app.Use(LoopbackGuard.Middleware);
        var page = new ManifestEmbeddedFileProvider(typeof(PianoServer).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = page,
            // The page changes with the tool's version; a stale cached script would talk to a newer API.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        api.Map(app);
        return app;
    }
}
