using System.Reflection;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// The methods <see cref="KernelSet"/> loads as kernels, by name, with how each is launched: implicitly grouped
/// (ILGPU picks the groups) or explicitly grouped (the kernel uses shared memory and barriers of its own groups).
/// </summary>
internal static class KernelCatalog
{
    public static IReadOnlyList<(string Name, MethodInfo Method, bool ExplicitlyGrouped)> All { get; } =
    [
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Fill)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Multiply)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Sigmoid)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.AddRowVector)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.AccumulateColumnSums)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.DropoutMask)),
        Implicit(typeof(ElementwiseKernels), nameof(ElementwiseKernels.Pack)),
        Implicit(typeof(LstmKernels), nameof(LstmKernels.Forward)),
        Implicit(typeof(LstmKernels), nameof(LstmKernels.Backward)),
        Implicit(typeof(ReductionKernels), nameof(ReductionKernels.CrossEntropyRows)),
        Implicit(typeof(NadeKernels), nameof(NadeKernels.ForwardRows)),
        Implicit(typeof(NadeKernels), nameof(NadeKernels.HiddenRows)),
        Implicit(typeof(NadeKernels), nameof(NadeKernels.SuffixSums)),
        Implicit(typeof(NadeKernels), nameof(NadeKernels.AccumulateKeys)),
        Implicit(typeof(UpdateKernels), nameof(UpdateKernels.Adam)),
        Implicit(typeof(UpdateKernels), nameof(UpdateKernels.Sgd)),
        Explicit(typeof(SgemmKernel), nameof(SgemmKernel.Multiply)),
        Explicit(typeof(ReductionKernels), nameof(ReductionKernels.SquarePartials)),
        Explicit(typeof(ReductionKernels), nameof(ReductionKernels.SumPartials)),
    ];

    private static (string, MethodInfo, bool) Implicit(Type type, string name) => (Name(type, name), Method(type, name), false);

    private static (string, MethodInfo, bool) Explicit(Type type, string name) => (Name(type, name), Method(type, name), true);

    private static string Name(Type type, string name) => $"{type.Name}.{name}";

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"no kernel {type.Name}.{name}");
}
