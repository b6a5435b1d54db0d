using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>Tests on ILGPU's CPU accelerator share one backend and run one after another (the simulator is slow).</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "ILGPU CPU accelerator";
}
