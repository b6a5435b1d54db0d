using RollNet.Compute;

namespace RollNet.Piano.Server;

/// <summary>What a <see cref="PianoServer"/> runs: the models, where they compute, the port and the limits.</summary>
public sealed record PianoServerOptions
{
    /// <summary>
    /// The models the page offers, the one it opens with first. A request names the one it asks by its
    /// <see cref="PianoModel.Id"/>, and an imported MIDI file goes to the one whose grid loses fewest of its notes.
    /// </summary>
    public required IReadOnlyList<PianoModel> Models { get; init; }

    /// <summary>
    /// Makes the backend of one generator. Each request that generates, harmonizes or fills holds a generator of its own
    /// (its own recurrent state), so several run at once; on a device other than the CPU one generator serves them in
    /// turn.
    /// </summary>
    public required Func<Backend> CreateBackend { get; init; }

    /// <summary>
    /// Generate, harmonize and fill requests computed at once on the CPU, and MIDI imports and exports converted at
    /// once on any device; later ones wait.
    /// </summary>
    public int MaxConcurrentGenerations { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Generate, harmonize, fill, import and export requests that may wait, together; a request beyond them gets a 503
    /// with Retry-After at once, so that the page and <c>GET /api/model</c> stay prompt and no request waits behind an
    /// endless queue.
    /// </summary>
    public int MaxWaitingGenerations { get; init; } = 16;

    /// <summary>The port on 127.0.0.1; 0 takes any free one (<see cref="PianoServer.Address"/> tells which).</summary>
    public int Port { get; init; }

    public PianoLimits Limits { get; init; } = new();
}
