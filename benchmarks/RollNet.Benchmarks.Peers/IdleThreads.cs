using System.Diagnostics;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// Both libraries leave worker threads spinning for a while after their work (libtorch's OpenMP threads for some
/// milliseconds by default, RollNet's for a few microseconds) before they sleep. Waiting until the whole process is
/// idle before the other side starts keeps one side's spinning out of the other's measurement.
/// </summary>
internal static class IdleThreads
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20), Limit = TimeSpan.FromSeconds(3);

    /// <summary>Sleeps until the process uses under a tenth of a core over a short window; false if it never did.</summary>
    public static bool WaitUntilIdle()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Limit)
        {
            TimeSpan before = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            Thread.Sleep(Window);
            TimeSpan busy = Environment.CpuUsage.TotalTime - before;
            if (busy < Stopwatch.GetElapsedTime(start) / 10)
            {
                return true;
            }
        }

        return false;
    }
}
