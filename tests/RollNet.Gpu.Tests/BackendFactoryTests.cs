using ILGPU.Runtime;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Gpu.Tests;

public sealed class BackendFactoryTests
{
    private static readonly bool HasCuda = BackendFactory.ListDevices().Any(d => d.Kind == nameof(AcceleratorType.Cuda));

    [Fact]
    public void CpuIsTheSimdBackendAndTheDeviceListNamesWhatIlgpuSees()
    {
        using Backend backend = BackendFactory.Create(DeviceChoice.Cpu, threads: 1);
        Assert.IsType<CpuBackend>(backend);
        Assert.Contains(BackendFactory.ListDevices(), d => d.Kind == nameof(AcceleratorType.CPU));
    }

    [SkippableFact]
    public void WithoutCudaAskingForItFailsOnOneLineThatListsTheDevices()
    {
        Skip.If(HasCuda, "a CUDA device is present");
        var error = Assert.Throws<DeviceUnavailableException>(() => BackendFactory.Create(DeviceChoice.Cuda));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("CPU", error.Message, StringComparison.Ordinal);
        using Backend auto = BackendFactory.Create(DeviceChoice.Auto, threads: 1);
        Assert.IsType<CpuBackend>(auto);
    }

    [SkippableFact]
    public void WithCudaAutoAndCudaBothChooseIt()
    {
        Skip.IfNot(HasCuda, "no CUDA device");
        foreach (DeviceChoice choice in new[] { DeviceChoice.Cuda, DeviceChoice.Auto })
        {
            using Backend backend = BackendFactory.Create(choice);
            Assert.Equal(AcceleratorType.Cuda, Assert.IsType<IlgpuBackend>(backend).AcceleratorType);
        }
    }

    [Fact]
    public void TheSimulatorIsIlgpusCpuAcceleratorWithGroupsAsLargeAsCudas()
    {
        using Backend backend = BackendFactory.Create(DeviceChoice.Simulator);
        Assert.Equal(AcceleratorType.CPU, Assert.IsType<IlgpuBackend>(backend).AcceleratorType);
        Assert.Equal("ilgpu-cpu", backend.Name);
    }
}
