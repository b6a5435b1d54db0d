namespace RollNet.Tests;

/// <summary>Measures what warm code allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes one call of <paramref name="run"/> allocated on this thread, over <paramref name="calls"/> calls.
    /// The runtime's own one-off work (the JIT moving a method up a tier, a thread or type it sets up on first use) can
    /// land on the thread during any one call on a busy machine; an allocation the code itself makes lands in every
    /// call, so the least is taken.
    /// </summary>
    public static long LeastPerCall(int calls, Action run) => Enumerable.Range(0, calls).Min(_ => Of(run));

    /// <summary>The bytes one call of <paramref name="run"/> allocated on this thread.</summary>
    public static long Of(Action run)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
