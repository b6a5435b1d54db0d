using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Compute;

public sealed class WorkerPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EveryWorkerRunsOnce(int threads)
    {
        using var pool = new WorkerPool(threads);
        var job = new RecordingJob(new int[threads], new int[threads]);
        pool.Run(ref job);

        Assert.Equal(threads, pool.Threads);
        Assert.All(job.Calls, calls => Assert.Equal(1, calls));
        Assert.All(job.Workers, workers => Assert.Equal(threads, workers));
    }

    [Fact]
    public void SingleThreadRunsInlineOnCaller()
    {
        using var pool = new WorkerPool(1);
        var job = new ThreadIdJob(new int[1]);
        pool.Run(ref job);

        Assert.Equal(Environment.CurrentManagedThreadId, job.ThreadIds[0]);
    }

    [Fact]
    public void NonPositiveThreadCountMeansProcessorCount()
    {
        using var pool = new WorkerPool(0);
        Assert.Equal(Environment.ProcessorCount, pool.Threads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ExceptionInAWorkerReachesTheCaller(int failing)
    {
        using var pool = new WorkerPool(2);
        var job = new ThrowingJob(failing);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Run(ref job));
        Assert.Equal($"worker {failing}", error.Message);

        // The pool stays usable after a failed job.
        var counting = new CountingJob(new int[1]);
        pool.Run(ref counting);
        Assert.Equal(2, counting.Total[0]);
    }

    [Fact]
    public void ManyRunsInARow()
    {
        using var pool = new WorkerPool(3);
        var job = new CountingJob(new int[1]);
        for (int i = 0; i < 20_000; i++)
        {
            pool.Run(ref job);
        }
        Assert.Equal(60_000, job.Total[0]);
    }

    [Fact]
    public void NestedRunExecutesAllSharesOnTheCaller()
    {
        using var pool = new WorkerPool(2);
        var job = new NestingJob(pool, new int[1]);
        pool.Run(ref job);

        // Each of the 2 outer shares runs the 2 inner shares.
        Assert.Equal(4, job.Total[0]);
    }

    [Fact]
    public void RunDoesNotAllocate()
    {
        using var pool = new WorkerPool(2);
        var job = new CountingJob(new int[1]);
        pool.Run(ref job);

        long allocated = Allocations.LeastPerCall(5, () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                pool.Run(ref job);
            }
        });
        Assert.Equal(0, allocated);
    }

    private readonly struct RecordingJob(int[] calls, int[] workers) : IParallelJob
    {
        public int[] Calls { get; } = calls;

        public int[] Workers { get; } = workers;

        public void Execute(int worker, int workers)
        {
            Interlocked.Increment(ref Calls[worker]);
            Workers[worker] = workers;
        }
    }

    private readonly struct ThreadIdJob(int[] threadIds) : IParallelJob
    {
        public int[] ThreadIds { get; } = threadIds;

        public void Execute(int worker, int workers) => ThreadIds[worker] = Environment.CurrentManagedThreadId;
    }

    private readonly struct CountingJob(int[] total) : IParallelJob
    {
        public int[] Total { get; } = total;

        public void Execute(int worker, int workers) => Interlocked.Increment(ref Total[0]);
    }

    private readonly struct ThrowingJob(int failing) : IParallelJob
    {
        public void Execute(int worker, int workers)
        {
            if (worker == failing)
            {
                throw new InvalidOperationException($"worker {worker}");
            }
        }
    }

    private readonly struct NestingJob(WorkerPool pool, int[] total) : IParallelJob
    {
        public int[] Total { get; } = total;

        public void Execute(int worker, int workers)
        {
            var inner = new CountingJob(Total);
            pool.Run(ref inner);
        }
    }
}
