using ILGPU;
using ILGPU.Runtime;
using RollNet.Compute;
using RollNet.Gpu.Kernels;

namespace RollNet.Gpu;

/// <summary>
/// The seam on ILGPU kernels: buffers live on one accelerator, every operation is a kernel launch on its default
/// stream, and only scalars (a loss, a sum of squares) and explicit downloads come back to the host.
/// </summary>
/// <remarks>Made by <see cref="BackendFactory"/>; it owns its ILGPU context and accelerator.</remarks>
public sealed class IlgpuBackend : Backend
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly KernelSet _kernels;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _partials;
    private readonly KernelConfig _firstPass;
    private MemoryBuffer1D<double, Stride1D.Dense>? _rowLoss;
    // The NADE's h of every key of every row (rows×K×N), between the kernels of one operation.
    private MemoryBuffer1D<float, Stride1D.Dense>? _nadeActivations;

    internal IlgpuBackend(Context context, Device device)
    {
        _context = context;
        try
        {
            _accelerator = device.CreateAccelerator(context);
            _kernels = new KernelSet(_accelerator);
            int groups = ReductionKernels.Groups(_accelerator.NumMultiprocessors);
            _firstPass = new KernelConfig(groups, ReductionKernels.Threads);
            _partials = _accelerator.Allocate1D<double>(groups);
        }
        catch
        {
            _accelerator?.Dispose();
            context.Dispose();
            throw;
        }

        Name = device.AcceleratorType == AcceleratorType.Cuda ? "cuda" : $"ilgpu-{device.AcceleratorType}".ToLowerInvariant();
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The kind of accelerator the kernels run on, as ILGPU reports it.</summary>
    public AcceleratorType AcceleratorType => _accelerator.AcceleratorType;

    /// <summary>The accelerator's name, such as "NVIDIA H100 80GB HBM3".</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>Waits until every launch so far has finished, as a timer must before it reads the clock.</summary>
    private protected override void SynchronizeCore() => _accelerator.Synchronize();

    /// <inheritdoc/>
    private protected override DeviceBuffer AllocateCore(int length)
    {
        long bytes = (long)length * sizeof(float);
        try
        {
            // An empty buffer still gets one element: slices of it are never read, but a view needs memory behind it.
            MemoryBuffer1D<float, Stride1D.Dense> memory = _accelerator.Allocate1D<float>(Math.Max(length, 1));

            // The seam promises zeros; device memory comes uninitialised.
            memory.MemSetToZero();
            return new IlgpuBuffer(this, length, memory);
        }
        catch (Exception e) when (e is AcceleratorException or OutOfMemoryException)
        {
            throw new InsufficientMemoryException(
                $"{_accelerator.Name} could not allocate {bytes:N0} bytes ({length:N0} floats): {e.Message}", e);
        }
    }

    // The span overloads pin the host memory for the copy; those taking a reference copy through its raw address,
    // which a compacting collection can move.
    /// <inheritdoc/>
    private protected override void UploadCore(ReadOnlySpan<float> source, BufferSlice destination) =>
        View(destination).CopyFromCPU(source);

    /// <inheritdoc/>
    private protected override void DownloadCore(BufferSlice source, Span<float> destination) =>
        View(source).CopyToCPU(destination);

    /// <inheritdoc/>
    private protected override void FillCore(BufferSlice destination, float value) =>
        _kernels.Fill(destination.Length, View(destination), value);

    /// <inheritdoc/>
    private protected override void CopyCore(BufferSlice source, BufferSlice destination) =>
        View(source).CopyTo(View(destination));

    /// <inheritdoc/>
    private protected override void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a,
        int lda, BufferSlice b, int ldb, float beta, BufferSlice c, int ldc) =>
        Sgemm(transA, transB, m, n, k, alpha, View(a), lda, Quads(a.Offset, lda), View(b), ldb, Quads(b.Offset, ldb),
            beta, View(c), ldc);

    /// <inheritdoc/>
    private protected override PackedMatrix AllocatePackedCore(int k, int n, MatrixPrecision precision) =>
        new IlgpuPackedMatrix(this, k, n, precision);

    /// <inheritdoc/>
    private protected override void PackCore(bool transB, BufferSlice b, int ldb, PackedMatrix packed)
    {
        var own = Storage<IlgpuPackedMatrix>(packed);
        _kernels.Pack(own.K * own.N, View(b), own.View, own.N, ldb, transB ? 1 : 0,
            own.Precision == MatrixPrecision.BFloat16 ? 1 : 0);
    }

    /// <inheritdoc/>
    private protected override void GemmCore(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b,
        float beta, BufferSlice c, int ldc)
    {
        var own = Storage<IlgpuPackedMatrix>(b);
        Sgemm(transA, false, m, own.N, own.K, alpha, View(a), lda, Quads(a.Offset, lda), own.View, own.N,
            Quads(0, own.N), beta, View(c), ldc);
    }

    /// <inheritdoc/>
    private protected override void AddRowVectorCore(BufferSlice matrix, int rows, int cols, BufferSlice vector) =>
        _kernels.AddRowVector(matrix.Length, View(matrix), View(vector), cols);

    /// <inheritdoc/>
    private protected override void AccumulateColumnSumsCore(BufferSlice matrix, int rows, int cols, BufferSlice sums) =>
        _kernels.AccumulateColumnSums(cols, View(matrix), View(sums), rows);

    /// <inheritdoc/>
    private protected override void MultiplyCore(BufferSlice a, BufferSlice b, BufferSlice destination) =>
        _kernels.Multiply(a.Length, View(a), View(b), View(destination));

    /// <inheritdoc/>
    private protected override void SigmoidCore(BufferSlice x, BufferSlice y) => _kernels.Sigmoid(x.Length, View(x), View(y));

    /// <inheritdoc/>
    private protected override void LstmGatesForwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice cell, BufferSlice tanhCell, BufferSlice output) =>
        _kernels.LstmForward(batch * hidden, View(gates), View(cellPrevious), View(cell), View(tanhCell), View(output),
            hidden);

    /// <inheritdoc/>
    private protected override void LstmGatesBackwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates) =>
        _kernels.LstmBackward(batch * hidden, View(gates), View(cellPrevious), View(tanhCell), View(dOutput),
            View(dRecurrent), View(dCell), View(dGates), hidden);

    /// <inheritdoc/>
    private protected override double SigmoidCrossEntropyCore(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradScale, BufferSlice dLogits)
    {
        ArrayView<double> rowLoss = RowLoss(rows);
        _kernels.CrossEntropyRows(rows, View(logits), View(targets), View(rowMask), View(dLogits), rowLoss, cols,
            gradScale);
        _kernels.SumPartials(_firstPass, rowLoss, _partials.View);
        return TotalOfPartials();
    }

    /// <inheritdoc/>
    private protected override double CategoricalCrossEntropyCore(int rows, int keys, BufferSlice logits,
        BufferSlice targets, BufferSlice rowMask, float gradientScale, BufferSlice dLogits)
    {
        ArrayView<double> rowLoss = RowLoss(rows);
        _kernels.CategoricalCrossEntropyRows(rows, View(logits), View(targets), View(rowMask), View(dLogits), rowLoss,
            keys, gradientScale);
        _kernels.SumPartials(_firstPass, rowLoss, _partials.View);
        return TotalOfPartials();
    }

    /// <inheritdoc/>
    private protected override double NadeLossCore(int rows, int keys, int hidden, BufferSlice visibleBias,
        BufferSlice hiddenBias, BufferSlice weights, BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask,
        float gradScale, BufferSlice dVisibleBias)
    {
        ArrayView<double> rowLoss = RowLoss(rows);
        _kernels.NadeForward(rows, View(visibleBias), View(hiddenBias), View(weights), View(outputWeights),
            View(targets), View(rowMask), NadeActivations((long)rows * keys * hidden), View(dVisibleBias), rowLoss,
            new NadeShape(keys, hidden, gradScale));
        _kernels.SumPartials(_firstPass, rowLoss, _partials.View);
        return TotalOfPartials();
    }

    /// <inheritdoc/>
    private protected override void NadeBackwardCore(int rows, int keys, int hidden, BufferSlice hiddenBias, BufferSlice weights,
        BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask, BufferSlice dVisibleBias,
        BufferSlice dHiddenBias, BufferSlice dWeights, BufferSlice dOutputWeights)
    {
        var shape = new NadeShape(keys, hidden, 1);
        ArrayView<float> activations = NadeActivations((long)rows * keys * hidden);
        _kernels.NadeHidden(rows, View(hiddenBias), View(weights), View(outputWeights), View(targets), activations,
            shape);

        // dV first, while the activations hold h; the suffix sums that dW needs then replace them.
        _kernels.NadeAccumulate(keys * hidden, View(dVisibleBias), activations, View(dOutputWeights), rows, shape);
        _kernels.NadeSuffix(rows * hidden, View(outputWeights), View(dVisibleBias), activations, View(dHiddenBias),
            shape);
        _kernels.NadeAccumulate(keys * hidden, View(targets), activations, View(dWeights), rows, shape);
    }

    /// <inheritdoc/>
    private protected override void AddParallelMotionCore(int rows, int keys, BufferSlice inputs, int inputWidth,
        BufferSlice targets, int split, BufferSlice weights, BufferSlice visibleBias, BufferSlice classes) =>
        _kernels.AddParallelMotion(rows, View(inputs), View(targets), View(weights), View(visibleBias), View(classes),
            inputWidth, keys, split);

    /// <inheritdoc/>
    private protected override void ParallelMotionBackwardCore(int rows, int keys, BufferSlice classes,
        BufferSlice dVisibleBias, BufferSlice dWeights) =>
        _kernels.ParallelMotionBackward(dWeights.Length, View(classes), View(dVisibleBias), View(dWeights));

    /// <inheritdoc/>
    private protected override void DropoutMaskCore(BufferSlice mask, float dropProbability, ulong seed, ulong stream) =>
        _kernels.DropoutMask(mask.Length, View(mask), dropProbability, 1 / (1 - dropProbability), seed, stream);

    /// <inheritdoc/>
    private protected override double SumOfSquaresCore(BufferSlice x)
    {
        _kernels.SquarePartials(_firstPass, View(x), _partials.View);
        return TotalOfPartials();
    }

    /// <inheritdoc/>
    private protected override void AdamUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step)
    {
        var scalars = new AdamScalars(step.Beta1, step.Beta2, step.CorrectedLearningRate, step.CorrectedEpsilon,
            step.GradientScale);
        _kernels.Adam(parameters.Length, View(parameters), View(gradients), View(firstMoment), View(secondMoment),
            scalars);
    }

    /// <inheritdoc/>
    private protected override void SgdUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity,
        float learningRate, float momentum, float gradientScale) =>
        _kernels.Sgd(parameters.Length, View(parameters), View(gradients), View(velocity), learningRate, momentum,
            gradientScale);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rowLoss?.Dispose();
            _nadeActivations?.Dispose();
            _partials.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    private void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, ArrayView<float> a, int lda,
        int quadsA, ArrayView<float> b, int ldb, int quadsB, float beta, ArrayView<float> c, int ldc)
    {
        var shape = new GemmShape(m, n, k, lda, ldb, ldc, transA ? 1 : 0, transB ? 1 : 0, alpha, beta, quadsA, quadsB);
        var grid = new Index2D(Tiles(n), Tiles(m));
        _kernels.Sgemm(new KernelConfig(grid, new Index2D(SgemmKernel.Threads, SgemmKernel.Threads)), a, b, c, shape);

        static int Tiles(int extent) => (extent + SgemmKernel.Tile - 1) / SgemmKernel.Tile;
    }

    /// <summary>
    /// 1 when an operand can be read four floats at a time: its view starts at a multiple of four floats of an
    /// allocation (ILGPU aligns those to 256 bytes) and its rows are a multiple of four floats apart.
    /// </summary>
    private static int Quads(int offset, int ld) => offset % 4 == 0 && ld % 4 == 0 ? 1 : 0;

    /// <summary>The first <paramref name="rows"/> per-row losses, in a buffer that grows as needed and is kept.</summary>
    private ArrayView<double> RowLoss(int rows)
    {
        if (_rowLoss is null || _rowLoss.Length < rows)
        {
            _rowLoss?.Dispose();
            _rowLoss = _accelerator.Allocate1D<double>(rows);
        }

        return _rowLoss.View.SubView(0, rows);
    }

    private ArrayView<float> NadeActivations(long length)
    {
        if (_nadeActivations is null || _nadeActivations.Length < length)
        {
            _nadeActivations?.Dispose();
            _nadeActivations = _accelerator.Allocate1D<float>(length);
        }

        return _nadeActivations.View.SubView(0, length);
    }

    /// <summary>The second pass of a reduction: one group adds the partials in place; only the total comes back.</summary>
    private double TotalOfPartials()
    {
        _kernels.SumPartials(new KernelConfig(1, ReductionKernels.Threads), _partials.View, _partials.View);
        double total = 0;
        _partials.View.SubView(0, 1).CopyToCPU(ref total, 1);
        return total;
    }

    private static ArrayView<float> View(BufferSlice slice) =>
        Storage<IlgpuBuffer>(slice).View(slice.Offset, slice.Length);
}
