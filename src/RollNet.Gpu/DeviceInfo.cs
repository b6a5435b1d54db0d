namespace RollNet.Gpu;

/// <summary>One device that ILGPU sees.</summary>
/// <param name="Name">The device's name, as its driver reports it.</param>
/// <param name="Kind">The accelerator type: "Cuda", "CPU" (ILGPU's simulator, for tests) or "OpenCL".</param>
/// <param name="MemoryBytes">Device memory in bytes.</param>
public sealed record DeviceInfo(string Name, string Kind, long MemoryBytes)
{
    /// <summary>"Name (Kind)", the form error messages list devices in.</summary>
    public override string ToString() => $"{Name} ({Kind})";
}
