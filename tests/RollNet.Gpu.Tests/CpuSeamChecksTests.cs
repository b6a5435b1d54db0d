using RollNet.Compute;
using RollNet.Compute.Cpu;

namespace RollNet.Gpu.Tests;

/// <summary>The seam's checks on the CPU backend.</summary>
public sealed class CpuSeamChecksTests : SeamChecksTests
{
    private readonly CpuBackend _backend = new(1);

    protected override Backend Backend => _backend;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _backend.Dispose();
        }

        base.Dispose(disposing);
    }
}
