namespace RollNet.Gpu;

/// <summary>Where computation runs, as a user asks for it.</summary>
public enum DeviceChoice
{
    /// <summary>A CUDA device when one is present, otherwise the SIMD CPU backend.</summary>
    Auto,

    /// <summary>The SIMD CPU backend of RollNet.Core.</summary>
    Cpu,

    /// <summary>The first CUDA device; an error when there is none.</summary>
    Cuda,

    /// <summary>
    /// The GPU kernels on ILGPU's CPU accelerator, which runs each GPU thread as .NET code, hundreds of times slower than
    /// <see cref="Cpu"/>: for checking GPU code and scripts on a machine without a GPU, never for work.
    /// </summary>
    Simulator,
}
