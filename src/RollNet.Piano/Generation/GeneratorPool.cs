using System.Collections.Concurrent;
using RollNet.Data;
using RollNet.Generation;

namespace RollNet.Piano.Generation;

/// <summary>
/// Lends each request that generates, harmonizes or fills a generator of its own, of the model it asks for, so that
/// concurrent requests never share recurrent state. Generators are made on demand up to a limit shared by every model
/// and kept for later requests; a request beyond the limit waits for one to come back, and a request beyond the
/// waiting ones is refused at once. Requests that convert files (MIDI import and export) count against the same bound.
/// All the work runs on the thread pool, off the server's request threads.
/// </summary>
internal sealed class GeneratorPool : IDisposable
{
    // By model: how to make a generator of it, and its idle ones.
    private readonly IReadOnlyList<Func<IGenerator>> _create;
    private readonly ConcurrentBag<IGenerator>[] _idle;
    private readonly ConcurrentQueue<IGenerator> _all = [];
    private readonly SemaphoreSlim _generatorSlots;

    // Conversions need no generator: on a device that generates one request at a time they still run on the CPU,
    // beside the generation rather than behind it.
    private readonly SemaphoreSlim _conversionSlots;

    // Requests computing or waiting to, of either kind: taken without waiting, so that a request past the bound is
    // refused at once.
    private readonly SemaphoreSlim _admitted;

    /// <summary>
    /// Makes a generator of each model (one of <paramref name="create"/> each) at once, so that a device that cannot be
    /// used, or a model it cannot hold, fails here rather than in the first request. Generators that run concurrently
    /// (<see cref="IGenerator.RunsConcurrently"/>, such as the CPU's) serve up to <paramref name="maxConcurrent"/>
    /// requests at once, each with its own generator; others serve one at a time. At most <paramref name="maxWaiting"/>
    /// requests wait.
    /// </summary>
    public GeneratorPool(IReadOnlyList<Func<IGenerator>> create, int maxConcurrent, int maxWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfZero(create.Count, nameof(create));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaiting);
        _create = create;
        _idle = [.. create.Select(_ => new ConcurrentBag<IGenerator>())];
        for (int model = 0; model < create.Count; model++)
        {
            _idle[model].Add(Create(model));
        }

        IGenerator first = _all.First();
        Device = first.Device;
        MaxConcurrent = first.RunsConcurrently ? maxConcurrent : 1;
        _generatorSlots = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
        _conversionSlots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        MaxWaiting = maxWaiting;
        _admitted = new SemaphoreSlim(MaxConcurrent + maxWaiting, MaxConcurrent + maxWaiting);
    }

    /// <summary>The name of the device the generators compute on.</summary>
    public string Device { get; }

    /// <summary>Requests that generate at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Requests that may wait; one more is refused.</summary>
    public int MaxWaiting { get; }

    /// <summary>
    /// Continues <paramref name="primer"/> by <paramref name="steps"/> frames with the model at <paramref name="model"/>
    /// in the pool's list (see <see cref="Sampler.Generate"/>). Throws <see cref="ServerBusyException"/> when as many
    /// requests compute and wait as may.
    /// </summary>
    public Task<PianoRoll> GenerateAsync(int model, PianoRoll primer, int steps, SamplingOptions options,
        CancellationToken cancellationToken) =>
        RunAsync(model, generator => generator.Generate(primer, steps, options, cancellationToken), cancellationToken);

    /// <summary>
    /// Draws a piece that keeps <paramref name="held"/> with the model at <paramref name="model"/> (see
    /// <see cref="ConditionalSampler.Generate"/>), waiting and refused as <see cref="GenerateAsync"/> is.
    /// </summary>
    public Task<ConditionalPiece> GenerateConditionalAsync(int model, HeldKeys held, ConditionalSamplingOptions options,
        CancellationToken cancellationToken) =>
        RunAsync(model, generator => generator.Generate(held, options, cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="work"/>, which needs no generator, admitted and refused as <see cref="GenerateAsync"/> is.</summary>
    public Task<T> ConvertAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        AdmitAsync(_conversionSlots, work, cancellationToken);

    public void Dispose()
    {
        while (_all.TryDequeue(out IGenerator? generator))
        {
            generator.Dispose();
        }

        _generatorSlots.Dispose();
        _conversionSlots.Dispose();
        _admitted.Dispose();
    }

    private Task<T> RunAsync<T>(int model, Func<IGenerator, T> work, CancellationToken cancellationToken) =>
        AdmitAsync(_generatorSlots, () =>
        {
            IGenerator generator = _idle[model].TryTake(out IGenerator? idle) ? idle : Create(model);
            try
            {
                return work(generator);
            }
            finally
            {
                _idle[model].Add(generator);
            }
        }, cancellationToken);

    private async Task<T> AdmitAsync<T>(SemaphoreSlim slots, Func<T> work, CancellationToken cancellationToken)
    {
        if (!_admitted.Wait(0, CancellationToken.None))
        {
            throw new ServerBusyException(MaxConcurrent, MaxWaiting);
        }

        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _admitted.Release();
            throw;
        }

        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
            _admitted.Release();
        }
    }

    private IGenerator Create(int model)
    {
        IGenerator generator = _create[model]();
        _all.Enqueue(generator);
        return generator;
    }
}
