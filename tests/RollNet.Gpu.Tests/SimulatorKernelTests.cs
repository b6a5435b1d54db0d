using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The kernel tests on ILGPU's CPU accelerator.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorKernelTests(SimulatorFixture device) : KernelTests(device);
