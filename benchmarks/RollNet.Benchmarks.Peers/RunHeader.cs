using System.Runtime.InteropServices;
using RollNet.Diagnostics;

namespace RollNet.Benchmarks.Peers;

/// <summary>The <c>#</c> lines that say where and how a run was made.</summary>
internal static class RunHeader
{
    public static IEnumerable<string> Lines(PeerOptions options, string heap, string loadFix)
    {
        yield return "# RollNet against libtorch: same shapes, same threads, same process; ratio = RollNet / libtorch";
        yield return $"# date: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC";
        yield return $"# cpu: {HostDescription.Cpu()}, {Environment.ProcessorCount} logical CPUs";
        yield return $"# .NET vectors: {HostDescription.Vectors()}";
        yield return $"# ISA environment: {Variables(EnvironmentRelaunch.IsaVariables)}";
        yield return $"# OpenMP waiting: {Variables(EnvironmentRelaunch.OpenMpVariables)}; "
            + "between the two sides the program waits until all its threads are idle";
        yield return $"# threads: {options.Threads} (RollNet's CpuBackend; {LibTorchSide.ThreadCounts})";
        yield return $"# versions: {RollNetSide.Version}, {RuntimeInformation.FrameworkDescription}, {LibTorchSide.Version}; "
            + RuntimeInformation.OSDescription;
        yield return "# libtorch: default settings (oneDNN's LSTM), float32, every figure in its own timing loop";
        yield return $"# malloc: {heap}";
        yield return $"# libLibTorchSharp.so: {loadFix}";
#if DEBUG
        yield return "# WARNING: a Debug build; the numbers are not valid. Build with -c Release.";
#endif
        yield return options.Quick
            ? "# QUICK: one timed run per figure (RollNet's model figures through its public API); the numbers are NOT valid"
            : "# timing: RollNet as `rollnet bench` (one warm-up, then the median of runs filling its budget); "
                + "libtorch two warm-ups, then the same least number of runs and budget";
        if (FigureCatalog.Unpaired.Count > 0)
        {
            yield return $"# not paired (no libtorch shape known): {string.Join(", ", FigureCatalog.Unpaired)}";
        }
    }

    private static string Variables(IEnumerable<string> names) =>
        string.Join(" ", names.Select(name => $"{name}={Environment.GetEnvironmentVariable(name) ?? "(unset)"}"));
}
