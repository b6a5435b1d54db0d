using Xunit;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Model;
using RollNet.Piano.Server;
using RollNet.Training;

namespace RollNet.Piano.Tests;

/// <summary>A NeuralPiano server with the bundled model on a free port of 127.0.0.1, and a client for it.</summary>
public sealed class PianoServerFixture : IAsyncLifetime
{
    public static Checkpoint BundledModel { get; } =
        TrainingCheckpoint.Load(Path.Combine(AppContext.BaseDirectory, "Models", "chorales.rollnet"));

    public PianoServer Server { get; private set; } = null!;

    /// <summary>A checkpoint of a freshly initialised model of the given shape, for a server to load.</summary>
    public static Checkpoint Untrained(ModelConfig config)
    {
        using var backend = new CpuBackend(threads: 1);
        using var model = new RollModel(backend, config, seed: 1);
        return TrainingCheckpoint.Capture(model);
    }

    /// <summary>A server of its own over <paramref name="model"/> alone, called <paramref name="id"/>, one generation at a time.</summary>
    public static Task<PianoServer> StartWith(string id, Checkpoint model) =>
        PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel(id, id, model)],
            CreateBackend = () => new CpuBackend(threads: 1),
            MaxConcurrentGenerations = 1,
        });

    public HttpClient Client { get; private set; } = null!;

    public PianoLimits Limits { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel("chorales", "the bundled chorale model", BundledModel)],
            CreateBackend = () => new CpuBackend(threads: 1),
            MaxConcurrentGenerations = 4,
            Limits = Limits,
        });
        Client = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
