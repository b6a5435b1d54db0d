using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>The conditional sampling comparison on ILGPU's CPU accelerator.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorConditionalSamplingTests(SimulatorFixture device) : ConditionalSamplingTests(device);
