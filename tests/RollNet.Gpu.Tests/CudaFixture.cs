namespace RollNet.Gpu.Tests;

/// <summary>The first CUDA device, when there is one.</summary>
public sealed class CudaFixture() : DeviceFixture(() => (IlgpuBackend)BackendFactory.Create(DeviceChoice.Cuda));
