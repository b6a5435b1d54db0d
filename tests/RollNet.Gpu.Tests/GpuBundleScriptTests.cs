using System.ComponentModel;
using System.Runtime.InteropServices;
using RollNet.Tests.Cli;
using RollNet.Tests.Packaging;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>
/// benchmarks/gpu-bundle.sh end to end: the bundle it packs for a GPU machine fits in 48 MiB, and its dry run goes
/// through every step of gpu-check.sh where no .NET SDK can be found, as on a GPU machine that has none. (The bundle
/// runs the test classes whose names start with Cuda, or Simulator in the dry run; this class's name must not.)
/// </summary>
public sealed class GpuBundleScriptTests(GpuBundleFixture bundle) : IClassFixture<GpuBundleFixture>
{
    private const long MostPackedBytes = 48L * 1024 * 1024;

    // In a mount namespace of its own, empty folders over every folder the SDK lives in (the one `dotnet` on PATH
    // resolves to, ~/.dotnet, ~/.nuget), so that neither PATH, DOTNET_ROOT nor the launcher's default locations reach a
    // .NET; then the bundle's dry run, which must find all it needs in the bundle.
    private const string DryRunWithoutTheSdk = """
        set -eu
        for folder in "$@"; do mount -t tmpfs sdk-out-of-reach "$folder"; done
        if dotnet --version >/dev/null 2>&1; then echo "dotnet still runs: the SDK is in reach" >&2; exit 1; fi
        exec env -u DOTNET_ROOT "$BUNDLE/gpu-check.sh" --dry-run --out "$ROWS"
        """;

    [SkippableFact]
    public void TheBundlePacksIntoAtMost48MiB()
    {
        SkipUnlessLinuxX64();

        CliResult build = bundle.Build;

        Assert.True(build.ExitCode == 0, build.ToString());
        long packed = new FileInfo(bundle.Packed).Length;
        Assert.True(packed <= MostPackedBytes, $"the bundle packs into {packed / 1048576.0:F1} MiB, more than 48\n{build}");
    }

    [SkippableFact]
    public void ItsDryRunGoesThroughEveryStepWithTheSdkOutOfReach()
    {
        SkipUnlessLinuxX64();
        string[] sdkFolders = SdkFolders();
        string[] unshare = MountNamespaceOptions(sdkFolders[0], out string refusal);
        Skip.If(unshare.Length == 0,
            $"this machine allows no mount namespace, in which the dry run would run with the SDK hidden: {refusal}");
        CliResult build = bundle.Build;
        Assert.True(build.ExitCode == 0, build.ToString());
        CliResult unpack = ChildProcess.Run("tar", ["-xzf", bundle.Packed], bundle.Folder);
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        string rowsFile = Path.Combine(bundle.Folder, "rows.md");

        CliResult run = ChildProcess.Run("unshare", [.. unshare, "bash", "-c", DryRunWithoutTheSdk, "bash", .. sdkFolders],
            bundle.Folder, new Dictionary<string, string>
            {
                ["BUNDLE"] = Path.Combine(bundle.Folder, "rollnet-gpu-check"),
                ["ROWS"] = rowsFile,
            }, Timeout.InfiniteTimeSpan);

        Assert.True(run.ExitCode == 0, run.ToString());
        string rows = File.ReadAllText(rowsFile);
        DryRunRows.AssertComplete(rows);
        Assert.Contains("Command: `rollnet-gpu-check/gpu-check.sh --dry-run`", rows, StringComparison.Ordinal);
    }

    private static void SkipUnlessLinuxX64() =>
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            "the bundle is built for linux-x64 and run there");

    /// <summary>The folder of the <c>dotnet</c> on PATH, then ~/.dotnet and ~/.nuget where they exist.</summary>
    private static string[] SdkFolders()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return
        [
            ChildProcess.DotnetRoot(),
            .. new[] { Path.Combine(home, ".dotnet"), Path.Combine(home, ".nuget") }.Where(Directory.Exists),
        ];
    }

    /// <summary>
    /// The options of <c>unshare</c> that give a mount namespace in which <paramref name="folder"/> can be covered: -m
    /// for root, -rm (a user namespace too) for anyone where user namespaces are allowed; none, with why, where neither
    /// works.
    /// </summary>
    private static string[] MountNamespaceOptions(string folder, out string refusal)
    {
        refusal = "";
        foreach (string[] options in new[] { new[] { "-m" }, ["-rm"] })
        {
            try
            {
                CliResult probe = ChildProcess.Run("unshare", [.. options, "mount", "-t", "tmpfs", "probe", folder],
                    Path.GetTempPath());
                if (probe.ExitCode == 0)
                {
                    return options;
                }

                refusal += $"unshare {options[0]}: {probe.Error.Trim()}; ";
            }
            catch (Win32Exception e)
            {
                refusal = $"unshare could not be started: {e.Message}";
                return [];
            }
        }

        refusal = refusal.TrimEnd(' ', ';');
        return [];
    }
}
