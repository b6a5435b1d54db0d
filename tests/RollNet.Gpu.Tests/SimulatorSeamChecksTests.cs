using RollNet.Compute;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The seam's checks on the ILGPU backend, on ILGPU's CPU accelerator.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorSeamChecksTests(SimulatorFixture device) : SeamChecksTests
{
    protected override Backend Backend => device.Backend;
}
