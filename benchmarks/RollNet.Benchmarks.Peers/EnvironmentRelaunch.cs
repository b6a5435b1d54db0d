using System.Diagnostics;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// Settings that the .NET runtime, MKL, oneDNN and OpenMP read once, when they start: the program restarts itself
/// with them set rather than asking the user to export them.
/// </summary>
internal static class EnvironmentRelaunch
{
    /// <summary>Set in the restarted process, so that a setting that does not stick cannot restart it forever.</summary>
    private const string RelaunchedMarker = "ROLLNET_PEERS_RELAUNCHED";

    /// <summary>The variables that select the instruction sets, printed in the header whether set or not.</summary>
    public static IReadOnlyList<string> IsaVariables { get; } =
        ["DOTNET_EnableAVX512", "DOTNET_EnableAVX512F", "MKL_ENABLE_INSTRUCTIONS", "ONEDNN_MAX_CPU_ISA"];

    /// <summary>The variables that tell OpenMP threads how to wait, printed in the header whether set or not.</summary>
    public static IReadOnlyList<string> OpenMpVariables { get; } = ["OMP_WAIT_POLICY", "KMP_BLOCKTIME"];

    /// <summary>The variables <paramref name="options"/> needs and their values.</summary>
    public static IReadOnlyDictionary<string, string> Wanted(PeerOptions options)
    {
        var wanted = new Dictionary<string, string>();
        if (options.Isa == "avx2")
        {
            // .NET's AVX-512 off (.NET 10 reads EnableAVX512; EnableAVX512F no longer turns it off, but older
            // runtimes read that); MKL's GEMM and oneDNN's kernels (libtorch's LSTM) capped at AVX2.
            wanted["DOTNET_EnableAVX512"] = "0";
            wanted["DOTNET_EnableAVX512F"] = "0";
            wanted["MKL_ENABLE_INSTRUCTIONS"] = "AVX2";
            wanted["ONEDNN_MAX_CPU_ISA"] = "AVX2";
        }

        if (options.PassiveOpenMp)
        {
            // GNU OpenMP (libtorch's) reads the first, Intel's the second.
            wanted["OMP_WAIT_POLICY"] = "PASSIVE";
            wanted["KMP_BLOCKTIME"] = "0";
        }

        return wanted;
    }

    /// <summary>
    /// Null when every wanted variable already holds its value; otherwise runs this program again with them set and
    /// returns its exit code.
    /// </summary>
    public static int? RunAgainIfNeeded(IReadOnlyDictionary<string, string> wanted, IReadOnlyList<string> args)
    {
        if (wanted.All(pair => Environment.GetEnvironmentVariable(pair.Key) == pair.Value))
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable(RelaunchedMarker) is not null)
        {
            throw new InvalidOperationException("restarted with the settings, yet they are not set: "
                + string.Join(", ", wanted.Keys));
        }

        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program runs");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };

        // Under `dotnet app.dll` the host needs the assembly; the app's own launcher does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EnvironmentRelaunch).Assembly.Location);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in wanted)
        {
            start.Environment[name] = value;
        }

        start.Environment[RelaunchedMarker] = "1";
        using Process child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        child.WaitForExit();
        return child.ExitCode;
    }
}
