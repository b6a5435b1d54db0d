using ILGPU;
using ILGPU.Runtime;

namespace RollNet.Gpu.Kernels;

/// <summary>Every kernel of the backend, compiled once for one accelerator when the backend is made.</summary>
internal sealed class KernelSet
{
    public KernelSet(Accelerator accelerator)
    {
        Fill = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(ElementwiseKernels.Fill);
        Multiply = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>>(ElementwiseKernels.Multiply);
        Sigmoid = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(
            ElementwiseKernels.Sigmoid);
        AddRowVector = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(
            ElementwiseKernels.AddRowVector);
        AccumulateColumnSums = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            int>(ElementwiseKernels.AccumulateColumnSums);
        DropoutMask = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, float, ulong, ulong>(
            ElementwiseKernels.DropoutMask);
        Pack = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int,
            int>(ElementwiseKernels.Pack);
        LstmForward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(LstmKernels.Forward);
        LstmBackward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(
            LstmKernels.Backward);
        CrossEntropyRows = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<double>, int, float>(ReductionKernels.CrossEntropyRows);
        NadeForward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<double>, NadeShape>(NadeKernels.ForwardRows);
        NadeHidden = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, NadeShape>(NadeKernels.HiddenRows);
        NadeSuffix = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, NadeShape>(NadeKernels.SuffixSums);
        NadeAccumulate = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, int, NadeShape>(NadeKernels.AccumulateKeys);
        Adam = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, AdamScalars>(UpdateKernels.Adam);
        Sgd = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            float, float, float>(UpdateKernels.Sgd);
        Sgemm = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(
            SgemmKernel.Multiply);
        SquarePartials = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<double>>(
            ReductionKernels.SquarePartials);
        SumPartials = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>>(ReductionKernels.SumPartials);
    }

    public Action<Index1D, ArrayView<float>, float> Fill { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Multiply { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>> Sigmoid { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> AddRowVector { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> AccumulateColumnSums { get; }

    public Action<Index1D, ArrayView<float>, float, float, ulong, ulong> DropoutMask { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int> Pack { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>
        LstmForward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, int> LstmBackward { get; }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>,
        int, float> CrossEntropyRows { get; }

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

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamScalars> Adam
    {
        get;
    }

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float> Sgd { get; }

    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> Sgemm { get; }

    public Action<KernelConfig, ArrayView<float>, ArrayView<double>> SquarePartials { get; }

    public Action<KernelConfig, ArrayView<double>, ArrayView<double>> SumPartials { get; }
}
