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
}
