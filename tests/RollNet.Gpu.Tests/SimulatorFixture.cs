namespace RollNet.Gpu.Tests;

/// <summary>ILGPU's CPU accelerator: present everywhere, so these tests always run.</summary>
public sealed class SimulatorFixture() : DeviceFixture(BackendFactory.CreateSimulator);
