using System.Diagnostics;
using RollNet.Tests;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>
/// benchmarks/gpu-check.sh end to end in its dry run, so that time on a GPU machine goes to measuring, not to debugging
/// the script. (The script runs the test classes whose names start with Cuda, or Simulator in the dry run; this class's
/// name must not, or the dry run would run itself.)
/// </summary>
public sealed class GpuCheckScriptTests
{
    [SkippableFact]
    public void TheDryRunGoesThroughEveryStepAndWritesTheRows()
    {
        SkipUnlessRelease();
        string rowsFile = Path.Combine(Path.GetTempPath(), $"gpu-check-{Guid.NewGuid():N}.md");
        try
        {
            (int exitCode, string log) = RunScript("--dry-run", "--no-build", "--out", rowsFile);

            Assert.True(exitCode == 0, log);
            DryRunRows.AssertComplete(File.ReadAllText(rowsFile));
        }
        finally
        {
            File.Delete(rowsFile);
        }
    }

    [SkippableFact]
    public void WithoutADryRunOrACudaDeviceItStopsAtOnceSayingSo()
    {
        SkipUnlessRelease();
        Skip.If(BackendFactory.ListDevices().Any(d => d.Kind == "Cuda"), "a CUDA device is present");
        string rowsFile = Path.Combine(Path.GetTempPath(), $"gpu-check-{Guid.NewGuid():N}.md");

        (int exitCode, string log) = RunScript("--no-build", "--out", rowsFile);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("gpu-check: ILGPU sees no CUDA device: ", log.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.False(File.Exists(rowsFile));
    }

    [Fact]
    public void AnUnknownOptionGetsOneLineAndExitCode2()
    {
        (int exitCode, string log) = RunScript("--gpu", "h200");

        Assert.Equal(2, exitCode);
        Assert.Equal("gpu-check: unknown option '--gpu' (try --help)", log.Trim());
    }

    private static void SkipUnlessRelease() =>
        Skip.IfNot(AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal), "the script runs the Release build");

    private static (int ExitCode, string Log) RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Repository.Path("benchmarks", "gpu-check.sh"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
