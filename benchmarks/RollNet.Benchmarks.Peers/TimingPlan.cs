using System.Diagnostics;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// How the libtorch side times a figure: warm-up runs, then timed runs until both the least number and the time
/// budget are reached, and the median of them, as RollNet's QuickBenchmark does (it warms up once).
/// </summary>
/// <param name="WarmUpRuns">Untimed runs first.</param>
/// <param name="MinimumRuns">The least number of timed runs.</param>
/// <param name="Budget">How long the timed runs should fill.</param>
internal sealed record TimingPlan(int WarmUpRuns, int MinimumRuns, TimeSpan Budget)
{
    /// <summary>The plan for <paramref name="shape"/>; a quick one times a single run after a single warm-up.</summary>
    public static TimingPlan For(FigureShape shape, bool quick) =>
        quick ? new TimingPlan(1, 1, TimeSpan.Zero) : new TimingPlan(2, shape.MinimumRuns, shape.Budget);

    /// <summary>The median seconds of one run of <paramref name="action"/>.</summary>
    public double MedianSeconds(Action action)
    {
        for (int i = 0; i < WarmUpRuns; i++)
        {
            action();
        }

        var runs = new List<double>();
        var total = Stopwatch.StartNew();
        while (runs.Count < MinimumRuns || total.Elapsed < Budget)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            runs.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        runs.Sort();
        return runs[runs.Count / 2];
    }
}
