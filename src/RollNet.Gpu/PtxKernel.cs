namespace RollNet.Gpu;

/// <summary>One kernel of the GPU backend as ILGPU's PTX backend compiles it for one architecture.</summary>
/// <param name="Name">The kernel, as <c>Class.Method</c>.</param>
/// <param name="Assembly">Its PTX assembly text, what the CUDA driver compiles for the GPU.</param>
public sealed record PtxKernel(string Name, string Assembly);
