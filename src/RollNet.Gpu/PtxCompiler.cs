using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using RollNet.Gpu.Kernels;

namespace RollNet.Gpu;

/// <summary>
/// Compiles every kernel of the GPU backend to PTX with ILGPU's PTX backend, on any machine: no GPU or CUDA driver
/// is needed, so constructs the backend cannot lower show up before a GPU is at hand.
/// </summary>
public static class PtxCompiler
{
    /// <summary>The compute capabilities <see cref="Compile"/> takes: 8.0 (A100), 8.6, 8.9 and 9.0 (H100, H200).</summary>
    public static IReadOnlyList<int> Architectures { get; } = [80, 86, 89, 90];

    /// <summary>
    /// Every kernel compiled for compute capability <paramref name="architecture"/> (80 for sm_80, …), as PTX ISA 8.0.
    /// As on a GPU, ILGPU names the lowest target that has every capability the kernels use (<c>.target sm_80</c>), and
    /// the driver compiles that for the GPU at hand.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for an architecture not in <see cref="Architectures"/>, and
    /// <see cref="InvalidOperationException"/> naming the first kernel ILGPU cannot compile and why.
    /// </summary>
    public static IReadOnlyList<PtxKernel> Compile(int architecture)
    {
        CudaArchitecture target = architecture switch
        {
            80 => CudaArchitecture.SM_80,
            86 => CudaArchitecture.SM_86,
            89 => CudaArchitecture.SM_89,
            90 => CudaArchitecture.SM_90,
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture,
                $"the architecture must be one of {string.Join(", ", Architectures)}"),
        };
        using var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        // Without libNVVM: the kernels call no libdevice math, which is all ILGPU would need it for.
        using var backend = new PTXBackend(context, new CudaCapabilityContext(target), target, CudaInstructionSet.ISA_80, null);
        var kernels = new List<PtxKernel>();
        foreach ((string name, System.Reflection.MethodInfo method, bool explicitlyGrouped) in KernelCatalog.All)
        {
            EntryPointDescription entry = explicitlyGrouped
                ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
                : EntryPointDescription.FromImplicitlyGroupedKernel(method);
            try
            {
                kernels.Add(new PtxKernel(name, ((PTXCompiledKernel)backend.Compile(entry, default)).PTXAssembly));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"ILGPU cannot compile kernel {name} for sm_{architecture}: {e.Message}", e);
            }
        }

        return kernels;
    }
}
