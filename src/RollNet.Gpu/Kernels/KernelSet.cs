using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace RollNet.Gpu.Kernels;

/// <summary>
/// Every kernel of the backend, compiled once for one accelerator when the backend is made: each method of
/// <see cref="KernelCatalog"/> is loaded as ILGPU's typed loaders load it (auto-grouped, or explicitly grouped, on the
/// default stream), and each property names one of them with the launcher type its callers use.
/// </summary>
internal sealed class KernelSet
{
    private readonly Dictionary<MethodInfo, Delegate> _launchers;

    public KernelSet(Accelerator accelerator)
    {
        _launchers = KernelCatalog.All.ToDictionary(kernel => kernel.Method,
            kernel => Load(accelerator, kernel.Method, kernel.ExplicitlyGrouped));
        Fill = Launcher<Action<Index1D, ArrayView<float>, float>>(ElementwiseKernels.Fill);
        Multiply = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>>>(ElementwiseKernels.Multiply);
        Sigmoid = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>>>(ElementwiseKernels.Sigmoid);
        AddRowVector = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>,
            int>>(ElementwiseKernels.AddRowVector);
        AccumulateColumnSums = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>,
            int>>(ElementwiseKernels.AccumulateColumnSums);
        DropoutMask = Launcher<Action<Index1D, ArrayView<float>, float, float, ulong,
            ulong>>(ElementwiseKernels.DropoutMask);
        Pack = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int,
            int>>(ElementwiseKernels.Pack);
        LstmForward = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, int>>(LstmKernels.Forward);
        LstmBackward = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>>(LstmKernels.Backward);
        CrossEntropyRows = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<double>, int, float>>(ReductionKernels.CrossEntropyRows);
        CategoricalCrossEntropyRows = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<double>, int, float>>(ReductionKernels.CategoricalCrossEntropyRows);
        NadeForward = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>,
            NadeShape>>(NadeKernels.ForwardRows);
        NadeHidden = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, NadeShape>>(NadeKernels.HiddenRows);
        NadeSuffix = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            NadeShape>>(NadeKernels.SuffixSums);
        NadeAccumulate = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int,
            NadeShape>>(NadeKernels.AccumulateKeys);
        AddParallelMotion = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, int, int, int>>(ParallelMotionKernels.AddRows);
        ParallelMotionBackward = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>>>(ParallelMotionKernels.AccumulateClasses);
        Adam = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            AdamScalars>>(UpdateKernels.Adam);
        Sgd = Launcher<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float,
            float>>(UpdateKernels.Sgd);
        Sgemm = Launcher<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            GemmShape>>(SgemmKernel.Multiply);
        SquarePartials = Launcher<Action<KernelConfig, ArrayView<float>,
            ArrayView<double>>>(ReductionKernels.SquarePartials);
        SumPartials = Launcher<Action<KernelConfig, ArrayView<double>,
            ArrayView<double>>>(ReductionKernels.SumPartials);
    }

    /// <summary>Every catalogued kernel's launcher, by its method; the properties below are these.</summary>
    public IReadOnlyDictionary<MethodInfo, Delegate> Launchers => _launchers;

    public Action<Index1D, ArrayView<float>, float> Fill { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Multiply { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>> Sigmoid { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> AddRowVector { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> AccumulateColumnSums { get; }

    public Action<Index1D, ArrayView<float>, float, float, ulong, ulong> DropoutMask { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int> Pack { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            int>
        LstmForward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, int> LstmBackward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>,
        int, float> CrossEntropyRows { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>,
        int, float> CategoricalCrossEntropyRows { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, NadeShape> NadeForward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        NadeShape> NadeHidden { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, NadeShape>
        NadeSuffix { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, NadeShape> NadeAccumulate
    {
        get;
    }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int> AddParallelMotion { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> ParallelMotionBackward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamScalars> Adam
    {
        get;
    }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float> Sgd { get; }

    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> Sgemm { get; }

    public Action<KernelConfig, ArrayView<float>, ArrayView<double>> SquarePartials { get; }

    public Action<KernelConfig, ArrayView<double>, ArrayView<double>> SumPartials { get; }

    /// <summary>
    /// The kernel as ILGPU's typed loader for its signature loads it: KernelLoaders.LoadAutoGroupedStreamKernel (an
    /// implicitly grouped kernel takes its index first) or KernelLoaders.LoadStreamKernel (the launcher takes a
    /// <see cref="KernelConfig"/> first).
    /// </summary>
    private static Delegate Load(Accelerator accelerator, MethodInfo method, bool explicitlyGrouped)
    {
        Type[] parameters = [.. method.GetParameters().Select(parameter => parameter.ParameterType)];
        string loader = explicitlyGrouped
            ? nameof(KernelLoaders.LoadStreamKernel)
            : nameof(KernelLoaders.LoadAutoGroupedStreamKernel);
        MethodInfo load = typeof(KernelLoaders).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(candidate => candidate.Name == loader && candidate.IsGenericMethodDefinition
                && candidate.GetGenericArguments().Length == parameters.Length && candidate.GetParameters().Length == 2)
            .MakeGenericMethod(parameters);
        Delegate kernel = method.CreateDelegate(load.GetParameters()[1].ParameterType);
        return (Delegate)load.Invoke(null, [accelerator, kernel])!;
    }

    /// <summary>The launcher of a catalogued kernel, as the type its callers use.</summary>
    private TLauncher Launcher<TLauncher>(Delegate kernel)
        where TLauncher : Delegate
    {
        string name = $"{kernel.Method.DeclaringType!.Name}.{kernel.Method.Name}";
        return !_launchers.TryGetValue(kernel.Method, out Delegate? launcher)
            ? throw new InvalidOperationException($"{name} is not marked as a kernel")
            : launcher as TLauncher
              ?? throw new InvalidOperationException($"{name} launches as {launcher.GetType()}, not {typeof(TLauncher)}");
    }
}
