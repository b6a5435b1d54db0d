using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Diagnostics;

/// <summary>
/// Measures the machine's float32 fused multiply-add peak: every thread runs chains of independent vector FMAs
/// that never touch memory, enough of them to cover the FMA latency, so only the FMA units limit the rate.
/// </summary>
internal static class FmaPeakProbe
{
    private const int Chains = 12;

    /// <summary>Short rounds whose best is the peak: a neighbour's burst or a migration spoils a round, not the figure.</summary>
    private const int Rounds = 9;

    private static readonly TimeSpan RoundLength = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// GFLOP/s (one FMA counts as two operations) over <paramref name="threads"/> threads: the best of several short
    /// rounds, so that "of peak" means the same from run to run on a shared machine.
    /// </summary>
    public static double Measure(int threads)
    {
        long iterations = Calibrate(RoundLength);
        double best = 0;
        for (int round = 0; round < Rounds; round++)
        {
            best = Math.Max(best, MeasureRound(threads, iterations));
        }

        return best;
    }

    private static double MeasureRound(int threads, long iterations)
    {
        using var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        var sink = new float[threads];
        for (int w = 0; w < threads; w++)
        {
            int worker = w;
            workers[w] = new Thread(() =>
            {
                start.SignalAndWait();
                sink[worker] = Run(iterations);
            }) { IsBackground = true };
            workers[w].Start();
        }

        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        double seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return threads * iterations * FlopsPerIteration / seconds / 1e9;
    }

    private static int FlopsPerIteration => Chains * 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count);

    private static long Calibrate(TimeSpan duration)
    {
        Run(1 << 16);
        var clock = Stopwatch.StartNew();
        long probe = 1 << 22;
        Run(probe);
        return Math.Max(1, (long)(probe * duration.TotalSeconds / clock.Elapsed.TotalSeconds));
    }

    // The same loop twice: Vector512 and Vector256 share no generic interface that the JIT turns into registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run(long iterations) =>
        Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    private static float Run512(long iterations)
    {
        var a = Vector512.Create(0.999999f);
        var b = Vector512.Create(1e-7f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b);
            c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b);
            c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b);
            c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b);
            c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b);
            c9 = Vector512.FusedMultiplyAdd(c9, a, b);
            c10 = Vector512.FusedMultiplyAdd(c10, a, b);
            c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static float Run256(long iterations)
    {
        var a = Vector256.Create(0.999999f);
        var b = Vector256.Create(1e-7f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b);
            c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b);
            c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b);
            c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b);
            c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b);
            c9 = Vector256.FusedMultiplyAdd(c9, a, b);
            c10 = Vector256.FusedMultiplyAdd(c10, a, b);
            c11 = Vector256.FusedMultiplyAdd(c11, a, b);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
