namespace RollNet.Gpu.Kernels;

/// <summary>The scalars of a NADE launch: K keys, N hidden units, and the scale of dz.</summary>
internal readonly record struct NadeShape(int Keys, int Hidden, float GradScale);
