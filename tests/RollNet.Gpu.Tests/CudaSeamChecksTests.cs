using RollNet.Compute;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The seam's checks on the ILGPU backend on CUDA; skipped, with the reason, where no CUDA device exists.</summary>
[Collection(CudaCollection.Name)]
public sealed class CudaSeamChecksTests(CudaFixture device) : SeamChecksTests
{
    protected override Backend Backend => device.Backend;
}
