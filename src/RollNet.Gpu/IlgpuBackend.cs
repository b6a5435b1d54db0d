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
    private bool _disposed;

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

    public string Name { get; }

    /// <summary>The kind of accelerator the kernels run on, as ILGPU reports it.</summary>
    public AcceleratorType AcceleratorType => _accelerator.AcceleratorType;

    /// <summary>The accelerator's name, such as "NVIDIA H100 80GB HBM3".</summary>
    public string DeviceName => _accelerator.Name;

    public DeviceBuffer Allocate(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
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

    public void Upload(ReadOnlySpan<float> source, BufferSlice destination)
    {
        SliceChecks.Length(destination, source.Length, nameof(destination));
        if (source.Length > 0)
        {
            // The span overloads pin the host memory for the copy; those taking a reference copy through its raw
            // address, which a compacting collection can move.
            View(destination).CopyFromCPU(source);
        }
    }

    public void Download(BufferSlice source, Span<float> destination)
    {
        if (destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} elements but the slice has {source.Length}", nameof(destination));
        }

        if (source.Length > 0)
        {
            View(source).CopyToCPU(destination);
        }
    }

    public void Fill(BufferSlice destination, float value)
    {
        if (destination.Length > 0)
        {
            _kernels.Fill(destination.Length, View(destination), value);
        }
    }

    public void Copy(BufferSlice source, BufferSlice destination)
    {
        SliceChecks.Length(destination, source.Length, nameof(destination));
        if (source.Length > 0)
        {
            View(source).CopyTo(View(destination));
        }
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a, int lda,
        BufferSlice b, int ldb, float beta, BufferSlice c, int ldc)
    {
        SliceChecks.Gemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        Sgemm(transA, transB, m, n, k, alpha, View(a), lda, View(b), ldb, beta, View(c), ldc);
    }

    public PackedMatrix AllocatePacked(int k, int n, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new IlgpuPackedMatrix(this, k, n, precision);
    }

    public void Pack(bool transB, BufferSlice b, int ldb, PackedMatrix packed)
    {
        IlgpuPackedMatrix own = Own(packed);
        SliceChecks.Pack(transB, b, ldb, own);
        if (own.K > 0 && own.N > 0)
        {
            _kernels.Pack(own.K * own.N, View(b), own.View, own.N, ldb, transB ? 1 : 0,
                own.Precision == MatrixPrecision.Float32 ? 0 : 1);
        }
    }

    public void Gemm(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b, float beta,
        BufferSlice c, int ldc)
    {
        IlgpuPackedMatrix own = Own(b);
        SliceChecks.PackedGemm(transA, m, a, lda, own, c, ldc);
        if (transA && own.Precision != MatrixPrecision.Float32)
        {
            throw new NotSupportedException("a narrow packed matrix multiplies an untransposed left-hand side only");
        }

        Sgemm(transA, false, m, own.N, own.K, alpha, View(a), lda, own.View, own.N, beta, View(c), ldc);
    }

    public void AddRowVector(BufferSlice matrix, int rows, int cols, BufferSlice vector)
    {
        SliceChecks.Length(matrix, rows * cols, nameof(matrix));
        SliceChecks.Length(vector, cols, nameof(vector));
        if (matrix.Length > 0)
        {
            _kernels.AddRowVector(matrix.Length, View(matrix), View(vector), cols);
        }
    }

    public void AccumulateColumnSums(BufferSlice matrix, int rows, int cols, BufferSlice sums)
    {
        SliceChecks.Length(matrix, rows * cols, nameof(matrix));
        SliceChecks.Length(sums, cols, nameof(sums));
        if (cols > 0)
        {
            _kernels.AccumulateColumnSums(cols, View(matrix), View(sums), rows);
        }
    }

    public void Multiply(BufferSlice a, BufferSlice b, BufferSlice destination)
    {
        SliceChecks.Length(b, a.Length, nameof(b));
        SliceChecks.Length(destination, a.Length, nameof(destination));
        if (a.Length > 0)
        {
            _kernels.Multiply(a.Length, View(a), View(b), View(destination));
        }
    }

    public void Sigmoid(BufferSlice x, BufferSlice y)
    {
        SliceChecks.Length(y, x.Length, nameof(y));
        if (x.Length > 0)
        {
            _kernels.Sigmoid(x.Length, View(x), View(y));
        }
    }

    public void LstmGatesForward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious, BufferSlice cell,
        BufferSlice tanhCell, BufferSlice output)
    {
        SliceChecks.LstmGatesForward(batch, hidden, gates, cellPrevious, cell, tanhCell, output);
        if (batch * hidden > 0)
        {
            _kernels.LstmForward(batch * hidden, View(gates), View(cellPrevious), View(cell), View(tanhCell),
                View(output), hidden);
        }
    }

    public void LstmGatesBackward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates)
    {
        SliceChecks.LstmGatesBackward(batch, hidden, gates, cellPrevious, tanhCell, dOutput, dRecurrent, dCell, dGates);
        if (batch * hidden > 0)
        {
            _kernels.LstmBackward(batch * hidden, View(gates), View(cellPrevious), View(tanhCell), View(dOutput),
                View(dRecurrent), View(dCell), View(dGates), hidden);
        }
    }

    public double SigmoidCrossEntropy(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradScale, BufferSlice dLogits)
    {
        SliceChecks.SigmoidCrossEntropy(rows, cols, logits, targets, rowMask, dLogits);
        if (rows == 0)
        {
            return 0;
        }

        if (_rowLoss is null || _rowLoss.Length < rows)
        {
            _rowLoss?.Dispose();
            _rowLoss = _accelerator.Allocate1D<double>(rows);
        }

        ArrayView<double> rowLoss = _rowLoss.View.SubView(0, rows);
        _kernels.CrossEntropyRows(rows, View(logits), View(targets), View(rowMask), View(dLogits), rowLoss, cols,
            gradScale);
        _kernels.SumPartials(_firstPass, rowLoss,
            _partials.View);
        return TotalOfPartials();
    }

    public void DropoutMask(BufferSlice mask, float dropProbability, ulong seed, ulong stream)
    {
        if (!(dropProbability >= 0 && dropProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropProbability), dropProbability, "must lie in [0, 1)");
        }

        if (mask.Length > 0)
        {
            _kernels.DropoutMask(mask.Length, View(mask), dropProbability, 1 / (1 - dropProbability), seed, stream);
        }
    }

    public double SumOfSquares(BufferSlice x)
    {
        if (x.Length == 0)
        {
            return 0;
        }

        _kernels.SquarePartials(_firstPass, View(x),
            _partials.View);
        return TotalOfPartials();
    }

    public void AdamUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step)
    {
        SliceChecks.Length(gradients, parameters.Length, nameof(gradients));
        SliceChecks.Length(firstMoment, parameters.Length, nameof(firstMoment));
        SliceChecks.Length(secondMoment, parameters.Length, nameof(secondMoment));
        if (parameters.Length > 0)
        {
            var scalars = new AdamScalars(step.Beta1, step.Beta2, step.CorrectedLearningRate, step.CorrectedEpsilon,
                step.GradientScale);
            _kernels.Adam(parameters.Length, View(parameters), View(gradients), View(firstMoment), View(secondMoment),
                scalars);
        }
    }

    public void SgdUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity, float learningRate,
        float momentum, float gradientScale)
    {
        SliceChecks.Length(gradients, parameters.Length, nameof(gradients));
        SliceChecks.Length(velocity, parameters.Length, nameof(velocity));
        if (parameters.Length > 0)
        {
            _kernels.Sgd(parameters.Length, View(parameters), View(gradients), View(velocity), learningRate, momentum,
                gradientScale);
        }
    }

    /// <summary>Waits until every launch so far has finished, as a timer must before it reads the clock.</summary>
    public void Synchronize() => _accelerator.Synchronize();

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _rowLoss?.Dispose();
            _partials.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    private void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, ArrayView<float> a, int lda,
        ArrayView<float> b, int ldb, float beta, ArrayView<float> c, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        var shape = new GemmShape(m, n, k, lda, ldb, ldc, transA ? 1 : 0, transB ? 1 : 0, alpha, beta);
        var grid = new Index2D(Tiles(n), Tiles(m));
        _kernels.Sgemm(new KernelConfig(grid, new Index2D(SgemmKernel.Threads, SgemmKernel.Threads)), a, b, c, shape);

        static int Tiles(int extent) => (extent + SgemmKernel.Tile - 1) / SgemmKernel.Tile;
    }

    /// <summary>The second pass of a reduction: one group adds the partials in place; only the total comes back.</summary>
    private double TotalOfPartials()
    {
        _kernels.SumPartials(new KernelConfig(1, ReductionKernels.Threads), _partials.View, _partials.View);
        double total = 0;
        _partials.View.SubView(0, 1).CopyToCPU(ref total, 1);
        return total;
    }

    private ArrayView<float> View(BufferSlice slice)
    {
        if (slice.Buffer is not IlgpuBuffer buffer || !ReferenceEquals(buffer.Backend, this))
        {
            throw new ArgumentException("the slice belongs to another backend", nameof(slice));
        }

        return buffer.View(slice.Offset, slice.Length);
    }

    private IlgpuPackedMatrix Own(PackedMatrix packed) =>
        packed is IlgpuPackedMatrix own && ReferenceEquals(own.Backend, this)
            ? own
            : throw new ArgumentException("the packed matrix belongs to another backend", nameof(packed));
}
