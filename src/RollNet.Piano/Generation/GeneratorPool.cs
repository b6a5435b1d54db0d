using System.Collections.Concurrent;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Model;

namespace RollNet.Piano.Generation;

/// <summary>
/// Lends each request that generates, harmonizes or fills a <see cref="Generator"/> of its own, of the model it asks
/// for, so that concurrent requests never share recurrent state. Generators are made on demand up to a limit shared by
/// every model and kept for later requests; a request beyond the limit waits for one to come back, and a request
/// beyond the waiting ones is refused at once. The work runs on the thread pool, off the server's request threads.
/// </summary>
internal sealed class GeneratorPool : IDisposable
{
    private readonly IReadOnlyList<Checkpoint> _models;
    private readonly Func<Backend> _createBackend;

    // Idle generators by model.
    private readonly ConcurrentBag<Generator>[] _idle;
    private readonly ConcurrentQueue<Generator> _all = [];
    private readonly SemaphoreSlim _slots;

    // Requests generating or waiting to: taken without waiting, so that a request past the bound is refused at once.
    private readonly SemaphoreSlim _admitted;

    /// <summary>
    /// Makes a generator of each of <paramref name="models"/> at once, so that a device that cannot be used or a model
    /// it cannot hold fails here rather than in the first request. A backend whose instances run concurrently (<see cref="Backend.InstancesRunConcurrently"/>, such as
    /// the CPU's) serves up to <paramref name="maxConcurrent"/> requests at once, each with its own backend; another
    /// serves one at a time. At most <paramref name="maxWaiting"/> requests wait for a generator.
    /// </summary>
    public GeneratorPool(IReadOnlyList<Checkpoint> models, Func<Backend> createBackend, int maxConcurrent, int maxWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfZero(models.Count, nameof(models));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaiting);
        (_models, _createBackend) = (models, createBackend);
        _idle = [.. models.Select(_ => new ConcurrentBag<Generator>())];
        for (int model = 0; model < models.Count; model++)
        {
            _idle[model].Add(Create(model));
        }

        Generator first = _all.First();
        Device = first.Backend.Name;
        MaxConcurrent = first.Backend.InstancesRunConcurrently ? maxConcurrent : 1;
        _slots = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
        MaxWaiting = maxWaiting;
        _admitted = new SemaphoreSlim(MaxConcurrent + maxWaiting, MaxConcurrent + maxWaiting);
    }

    /// <summary>The name of the backend the generators compute on.</summary>
    public string Device { get; }

    /// <summary>Requests that generate at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Requests that may wait for a generator; one more is refused.</summary>
    public int MaxWaiting { get; }

    /// <summary>
    /// Continues <paramref name="primer"/> by <paramref name="steps"/> frames with the model at <paramref name="model"/>
    /// in the pool's list (see <see cref="Sampler.Generate"/>).
    /// Throws <see cref="GeneratorsBusyException"/> when every generator is busy and <see cref="MaxWaiting"/> requests
    /// already wait.
    /// </summary>
    public Task<PianoRoll> GenerateAsync(int model, PianoRoll primer, int steps, SamplingOptions options,
        CancellationToken cancellationToken) =>
        RunAsync(model, generator => generator.Sampler.Generate(primer, steps, options), cancellationToken);

    /// <summary>
    /// Draws a piece that keeps <paramref name="held"/> with the model at <paramref name="model"/> (see
    /// <see cref="ConditionalSampler.Generate"/>), waiting and refused as <see cref="GenerateAsync"/> is.
    /// </summary>
    public Task<ConditionalPiece> GenerateConditionalAsync(int model, HeldKeys held, ConditionalSamplingOptions options,
        CancellationToken cancellationToken) =>
        RunAsync(model, generator => generator.Conditional.Generate(held, options), cancellationToken);

    public void Dispose()
    {
        while (_all.TryDequeue(out Generator? generator))
        {
            generator.Dispose();
        }

        _slots.Dispose();
        _admitted.Dispose();
    }

    private async Task<T> RunAsync<T>(int model, Func<Generator, T> work, CancellationToken cancellationToken)
    {
        if (!_admitted.Wait(0, CancellationToken.None))
        {
            throw new GeneratorsBusyException(MaxConcurrent, MaxWaiting);
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _admitted.Release();
            throw;
        }

        try
        {
            Generator generator = _idle[model].TryTake(out Generator? idle) ? idle : Create(model);
            try
            {
                return await Task.Run(() => work(generator), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _idle[model].Add(generator);
            }
        }
        finally
        {
            _slots.Release();
            _admitted.Release();
        }
    }

    private Generator Create(int model)
    {
        var generator = new Generator(_models[model], _createBackend());
        _all.Enqueue(generator);
        return generator;
    }
}
