using System.Diagnostics;
using System.Globalization;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// How many cores other processes kept busy while a figure was measured: the machine's busy time from /proc/stat
/// less this process's own. With two threads on a small machine even one busy core elsewhere slows both libraries,
/// libtorch's OpenMP threads (which wait for each other at every parallel region) most.
/// </summary>
internal sealed class OtherProcessesLoad
{
    /// <summary>Above this many cores a figure is reported as contended.</summary>
    public const double ContendedCores = 0.25;

    // /proc/stat counts in USER_HZ ticks, 100 per second on Linux: a window much shorter than a second tells nothing.
    private const double TicksPerSecond = 100, ShortestWindowSeconds = 0.5;

    private readonly double _machineBusy = MachineBusySeconds();
    private readonly TimeSpan _own = Environment.CpuUsage.TotalTime;
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <summary>Starts counting now.</summary>
    public static OtherProcessesLoad Start() => new();

    /// <summary>
    /// Cores other processes used on average since <see cref="Start"/>; NaN where /proc/stat is missing or the window
    /// was too short to tell.
    /// </summary>
    public double Cores()
    {
        double wall = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        if (wall < ShortestWindowSeconds)
        {
            return double.NaN;
        }

        double own = (Environment.CpuUsage.TotalTime - _own).TotalSeconds;
        return Math.Max(0, MachineBusySeconds() - _machineBusy - own) / wall;
    }

    /// <summary>user + nice + system + irq + softirq + steal of all CPUs: steal is time the host gave to other guests.</summary>
    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }

        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => double.Parse(fields[i], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
