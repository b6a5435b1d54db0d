using RollNet.Cli;
using RollNet.Compute.Cpu;
using RollNet.Gpu;
using RollNet.Model;
using RollNet.Piano.Server;
using RollNet.Rendering;
using Xunit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// A backend's kernels are its own: outside RollNet.Compute.Cpu nothing of the product names a type of it but
/// <see cref="CpuBackend"/>, and outside RollNet.Gpu.Kernels only the GPU backend (which loads them) and the PTX
/// compiler (which compiles them) name a kernel. Uses in method bodies count, so a head calling a CPU kernel shows.
/// </summary>
public sealed class KernelUseTests
{
    private const string CpuKernels = "RollNet.Compute.Cpu", GpuKernels = "RollNet.Gpu.Kernels";

    // Every assembly of the product: the library, the GPU backend, the pictures, the tool and the web app.
    private static readonly Type[] Product =
    [
        .. new[] { typeof(RollModel), typeof(IlgpuBackend), typeof(PianoRollImage), typeof(RollNetCommand), typeof(PianoServer) }
            .SelectMany(anchor => anchor.Assembly.GetTypes()),
    ];

    [Fact]
    public void OnlyTheCpuBackendIsNamedOutsideTheCpuKernels()
    {
        string[] found =
        [
            .. Product.Where(type => !Within(type.Namespace, CpuKernels))
                .SelectMany(type => TypeUses.Of(type)
                    .Where(use => Within(use.Type.Namespace, CpuKernels) && use.Type != typeof(CpuBackend))
                    .Select(use => $"{type.FullName} {use.Member}: {use.Type}")),
        ];

        Assert.Empty(found);
    }

    [Fact]
    public void OnlyTheGpuBackendAndThePtxCompilerNameAGpuKernel()
    {
        Type[] owners = [typeof(IlgpuBackend), typeof(PtxCompiler)];
        string[] found =
        [
            .. Product.Where(type => !Within(type.Namespace, GpuKernels) && !owners.Contains(Outermost(type)))
                .SelectMany(type => TypeUses.Of(type)
                    .Where(use => Within(use.Type.Namespace, GpuKernels))
                    .Select(use => $"{type.FullName} {use.Member}: {use.Type}")),
        ];

        Assert.Empty(found);
    }

    private static bool Within(string? name, string space) =>
        name is not null && (name == space || name.StartsWith(space + ".", StringComparison.Ordinal));

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
