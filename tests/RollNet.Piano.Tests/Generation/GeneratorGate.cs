using RollNet.Piano.Generation;
using RollNet.Piano.Server;

namespace RollNet.Piano.Tests.Generation;

/// <summary>
/// Holds every generation of the generators it makes until it is opened, and tells a test when one has begun: a
/// server whose generators are all provably busy, however fast or slow the machine.
/// </summary>
internal sealed class GeneratorGate
{
    private readonly ManualResetEventSlim _open = new();
    private readonly SemaphoreSlim _entered = new(0);
    private readonly SemaphoreSlim _cancelled = new(0);

    /// <summary>A server on the bundled model's description whose generators wait at this gate.</summary>
    public Task<PianoServer> StartServerAsync(int maxConcurrent, int maxWaiting) =>
        PianoServer.StartAsync(new PianoServerOptions
        {
            Models = [new PianoModel("gated", "gated", PianoServerFixture.BundledModel)],
            CreateBackend = () => throw new InvalidOperationException("a gated server makes no backend"),
            MaxConcurrentGenerations = maxConcurrent,
            MaxWaitingGenerations = maxWaiting,
        }, _ => new GatedGenerator(this));

    /// <summary>Completes once a generation has reached the gate, where it stays until <see cref="Open"/>.</summary>
    public async Task EnteredAsync()
    {
        // A safety net only, so that a broken server fails the test rather than hangs it.
        if (!await _entered.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("no generation reached the gate");
        }
    }

    public void Open() => _open.Set();

    /// <summary>Completes once a generation waiting at the gate has seen its request's cancellation.</summary>
    public async Task CancelledAsync()
    {
        if (!await _cancelled.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("no generation at the gate saw its cancellation");
        }
    }

    /// <summary>
    /// Called by a generation: says it has begun, then waits for the gate to open or for
    /// <paramref name="cancellationToken"/>, as a real generation stops between frames.
    /// </summary>
    public void Pass(CancellationToken cancellationToken)
    {
        _entered.Release();
        try
        {
            _open.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled.Release();
            throw;
        }
    }
}
