using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using RollNet.Compute;
using RollNet.Compute.Cpu;

namespace RollNet.Gpu;

/// <summary>Makes the backend a user asks for, and lists the devices ILGPU sees.</summary>
public static class BackendFactory
{
    /// <summary>
    /// The backend for <paramref name="choice"/>: <see cref="DeviceChoice.Cuda"/> throws
    /// <see cref="DeviceUnavailableException"/> when no CUDA device is present; <see cref="DeviceChoice.Auto"/> falls back to
    /// the CPU backend then.
    /// </summary>
    /// <param name="choice">Where to compute.</param>
    /// <param name="threads">Threads of the CPU backend; 0 or less means every core.</param>
    public static Backend Create(DeviceChoice choice, int threads = 0) => choice switch
    {
        DeviceChoice.Cpu => new CpuBackend(threads),
        DeviceChoice.Cuda => TryCreateCuda(out string found) ?? throw new DeviceUnavailableException(
            $"no CUDA device found; ILGPU sees: {found}"),
        DeviceChoice.Auto => (Backend?)TryCreateCuda(out _) ?? new CpuBackend(threads),
        DeviceChoice.Simulator => CreateSimulator(),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown device"),
    };

    /// <summary>Every device ILGPU sees, CUDA devices first.</summary>
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        using Context context = CreateContext();
        return Describe(context);
    }

    /// <summary>
    /// The kernels on ILGPU's CPU accelerator, a slow simulator of a GPU: groups of up to 1024 threads as on CUDA.
    /// </summary>
    internal static IlgpuBackend CreateSimulator()
    {
        Context context = CreateContext();
        return new IlgpuBackend(context, context.GetCPUDevice(0));
    }

    private static IlgpuBackend? TryCreateCuda(out string found)
    {
        Context context = CreateContext();
        found = string.Join(", ", Describe(context));

        // Check the type: never assume the first device of a context is the one asked for.
        Device? cuda = context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda);
        if (cuda is null)
        {
            context.Dispose();
            return null;
        }

        return new IlgpuBackend(context, cuda);
    }

    private static Context CreateContext() =>
        Context.Create(builder => builder.Cuda().CPU(CPUDeviceKind.Nvidia).EnableAlgorithms());

    private static List<DeviceInfo> Describe(Context context) =>
    [
        .. context.Devices
            .OrderBy(d => d.AcceleratorType == AcceleratorType.Cuda ? 0 : 1)
            .Select(d => new DeviceInfo(d.Name, d.AcceleratorType.ToString(), d.MemorySize)),
    ];
}
