using System.Diagnostics;
using RollNet.Tests.Cli;

namespace RollNet.Tests.Packaging;

/// <summary>Runs a program to its end with its output captured, as a user's shell would, without MSBuild's state.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/>. The variables a test run inherits from
    /// the MSBuild that started it are left out, so that a <c>dotnet</c> it runs starts afresh; a run past
    /// <paramref name="limit"/> (three minutes unless given; <see cref="Timeout.InfiniteTimeSpan"/> for none) is killed
    /// and reported with exit code -1. <paramref name="environment"/> adds variables to the program's environment.
    /// </summary>
    public static CliResult Run(string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? limit = null)
    {
        using Process process = Start(program, args, workingDirectory, environment);
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit ?? Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CliResult(-1, output.Result, $"{error.Result}\nkilled after {(limit ?? Limit).TotalSeconds} s");
        }

        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts <paramref name="program"/> as <see cref="Run"/> does and leaves it running, its output redirected.</summary>
    public static Process Start(string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_ROOT"] = DotnetRoot();
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>The folder of the <c>dotnet</c> on PATH, which an installed tool's launcher needs to find the runtime.</summary>
    public static string DotnetRoot()
    {
        string? onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .FirstOrDefault(File.Exists);
        if (onPath is null)
        {
            throw new InvalidOperationException("no dotnet on PATH");
        }

        string real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
        return Path.GetDirectoryName(real)!;
    }
}
