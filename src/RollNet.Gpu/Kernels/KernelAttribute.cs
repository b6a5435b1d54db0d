namespace RollNet.Gpu.Kernels;

/// <summary>
/// Marks a method as a kernel of the backend: <see cref="KernelCatalog"/> lists every method so marked, the backend
/// loads each (<see cref="KernelSet"/>) and <see cref="PtxCompiler"/> compiles each, so a kernel is declared once.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KernelAttribute : Attribute
{
    /// <summary>
    /// True when the kernel is launched in groups of its own (it uses shared memory and barriers); false when ILGPU
    /// picks the groups and the kernel takes its index first.
    /// </summary>
    public bool ExplicitlyGrouped { get; init; }
}
