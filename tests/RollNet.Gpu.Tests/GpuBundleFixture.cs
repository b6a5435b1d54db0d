using RollNet.Tests;
using RollNet.Tests.Cli;
using RollNet.Tests.Packaging;

namespace RollNet.Gpu.Tests;

/// <summary>
/// The bundle that benchmarks/gpu-bundle.sh packs, built once for the tests that look at it (the first time one asks),
/// in a folder of its own that goes when they are done.
/// </summary>
public sealed class GpuBundleFixture : IDisposable
{
    private readonly Lazy<CliResult> _build;

    public GpuBundleFixture()
    {
        Folder = Directory.CreateTempSubdirectory("rollnet-gpu-bundle-").FullName;

        // No limit on the time: how long a build takes is the machine's business, not the test's.
        _build = new Lazy<CliResult>(() => ChildProcess.Run("bash",
            [Repository.Path("benchmarks", "gpu-bundle.sh"), "--out", Packed], Repository.Root,
            limit: Timeout.InfiniteTimeSpan));
    }

    /// <summary>The fixture's folder, which holds the packed bundle and whatever a test unpacks.</summary>
    public string Folder { get; }

    /// <summary>The packed bundle, once <see cref="Build"/> has run.</summary>
    public string Packed => Path.Combine(Folder, "rollnet-gpu-check.tar.gz");

    /// <summary>What the script printed and how it exited; the first call builds the bundle.</summary>
    internal CliResult Build => _build.Value;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
