using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// A fixed set of background threads that, together with the calling thread, run one
/// <see cref="IParallelJob"/> at a time. Dispatching a job does not allocate.
/// </summary>
internal sealed unsafe class WorkerPool : IDisposable
{
    // Idle workers spin this many SpinWait rounds before blocking: back-to-back jobs then
    // start without a kernel wake-up while long idle periods cost no CPU.
    private const int SpinCount = 200;

    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _done;
    private delegate*<void*, int, int, void> _invoke;
    private void* _context;
    private int _pending;
    private int _busy;
    private Exception? _error;
    private volatile bool _disposed;

    /// <summary>Creates the pool and starts its background threads.</summary>
    /// <param name="threads">Total workers including the caller; 0 or less means <see cref="Environment.ProcessorCount"/>.</param>
    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, CpuBackend.MaxThreads);
        Threads = threads <= 0 ? Environment.ProcessorCount : threads;
        _done = new ManualResetEventSlim(false, SpinCount);
        _start = new ManualResetEventSlim[Threads];
        _threads = new Thread[Threads];
        for (int i = 1; i < Threads; i++)
        {
            _start[i] = new ManualResetEventSlim(false, SpinCount);
            _threads[i] = new Thread(WorkerLoop)
            {
                IsBackground = true,
                Name = $"RollNet worker {i}",
            };
            _threads[i].Start(i);
        }

        // The event allocates its monitor the first time a thread blocks on it; block once now, so that no later
        // Run allocates.
        _done.Wait(1);
    }

    /// <summary>Number of workers, the calling thread included.</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="job"/> on every worker (the caller is worker 0) and returns when all
    /// are done. The workers share one copy of the job on the caller's stack. The first exception
    /// thrown by any worker is rethrown here once all workers have finished. If the pool is
    /// already running a job (a nested or concurrent call), the caller runs every share itself.
    /// </summary>
    public void Run<TJob>(ref TJob job) where TJob : struct, IParallelJob
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int workers = Threads;
        if (workers == 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int w = 0; w < workers; w++)
            {
                job.Execute(w, workers);
            }
            return;
        }

        // A stack copy cannot move, so its address stays valid for the workers until they finish.
        TJob local = job;
        _invoke = &Invoke<TJob>;
        _context = Unsafe.AsPointer(ref local);
        _error = null;
        Volatile.Write(ref _pending, workers - 1);
        for (int i = 1; i < workers; i++)
        {
            _start[i].Set();
        }

        try
        {
            local.Execute(0, workers);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
        }

        _done.Wait();
        _done.Reset();
        _invoke = null;
        _context = null;
        Exception? error = _error;
        _error = null;
        Volatile.Write(ref _busy, 0);
        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Stops the background threads.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        for (int i = 1; i < Threads; i++)
        {
            _start[i].Set();
        }
        for (int i = 1; i < Threads; i++)
        {
            _threads[i].Join();
            _start[i].Dispose();
        }
        _done.Dispose();
    }

    private static void Invoke<TJob>(void* context, int worker, int workers) where TJob : struct, IParallelJob
        => Unsafe.AsRef<TJob>(context).Execute(worker, workers);

    private void WorkerLoop(object? state)
    {
        int index = (int)state!;
        ManualResetEventSlim start = _start[index];
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_disposed)
            {
                return;
            }
            try
            {
                _invoke(_context, index, Threads);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Set();
            }
        }
    }
}
