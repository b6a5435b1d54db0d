using System.Numerics.Tensors;

namespace RollNet.Compute;

/// <summary>
/// The SIMD CPU implementation of the seam: pinned host buffers, the blocked <see cref="Sgemm"/>, and element-wise
/// kernels split across a persistent <see cref="WorkerPool"/> (no allocation per call once buffers exist).
/// </summary>
public sealed unsafe partial class CpuBackend : Backend
{
    // Element-wise work smaller than this runs on the calling thread: waking workers costs more.
    private const int ParallelThreshold = 1 << 15;

    private readonly WorkerPool _pool;
    private readonly double[] _partials;
    private bool _disposed;

    /// <param name="threads">Worker threads; 0 or less means every core.</param>
    public CpuBackend(int threads = 0)
    {
        _pool = new WorkerPool(threads);
        _partials = new double[_pool.Threads];
    }

    public string Name => "cpu";

    /// <summary>Threads that share each operation.</summary>
    public int Threads => _pool.Threads;

    /// <summary>Every CPU operation has finished when it returns, so there is nothing to wait for.</summary>
    public void Synchronize()
    {
    }

    public DeviceBuffer Allocate(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new CpuBuffer(this, length);
    }

    public void Upload(ReadOnlySpan<float> source, BufferSlice destination)
    {
        SliceChecks.Length(destination, source.Length, nameof(destination));
        source.CopyTo(Span(destination));
    }

    public void Download(BufferSlice source, Span<float> destination)
    {
        if (destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} elements but the slice has {source.Length}", nameof(destination));
        }

        Span(source).CopyTo(destination);
    }

    public void Fill(BufferSlice destination, float value) => Span(destination).Fill(value);

    public void Copy(BufferSlice source, BufferSlice destination)
    {
        SliceChecks.Length(destination, source.Length, nameof(destination));
        Span(source).CopyTo(Span(destination));
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a, int lda,
        BufferSlice b, int ldb, float beta, BufferSlice c, int ldc)
    {
        SliceChecks.Gemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        Sgemm.Multiply(_pool, transA, transB, m, n, k, alpha, Pointer(a), lda, Pointer(b), ldb, beta, Pointer(c), ldc);
    }

    public PackedMatrix AllocatePacked(int k, int n, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new CpuPackedMatrix(this, k, n, precision);
    }

    public void Pack(bool transB, BufferSlice b, int ldb, PackedMatrix packed)
    {
        CpuPackedMatrix own = Own(packed);
        SliceChecks.Pack(transB, b, ldb, own);
        if (own.Panels is { } panels)
        {
            panels.Pack(transB, Pointer(b), ldb);
            return;
        }

        // bfloat16 rows of op(B)ᵀ: row j holds column j of op(B).
        float* source = Pointer(b);
        for (int j = 0; j < own.N; j++)
        {
            ushort* row = own.Narrow + ((long)j * own.K);
            for (int p = 0; p < own.K; p++)
            {
                row[p] = BFloat16Weights.FromSingle(transB ? source[((long)j * ldb) + p] : source[((long)p * ldb) + j]);
            }
        }
    }

    public void Gemm(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b, float beta,
        BufferSlice c, int ldc)
    {
        CpuPackedMatrix own = Own(b);
        SliceChecks.PackedGemm(transA, m, a, lda, own, c, ldc);
        if (own.Panels is { } panels)
        {
            Sgemm.Multiply(_pool, transA, m, alpha, Pointer(a), lda, panels, beta, Pointer(c), ldc);
            return;
        }

        if (transA)
        {
            throw new NotSupportedException("a narrow packed matrix multiplies an untransposed left-hand side only");
        }

        var job = new RowDotJob<BFloat16Weights, ushort>
        {
            M = m, N = own.N, K = own.K, Alpha = alpha, Beta = beta, A = Pointer(a), W = own.Narrow, C = Pointer(c),
            Lda = lda, Ldw = own.K, Ldc = ldc,
        };
        Sgemm.Run(_pool, ref job, (long)m * own.N * own.K);
    }

    public void AddRowVector(BufferSlice matrix, int rows, int cols, BufferSlice vector)
    {
        SliceChecks.Length(matrix, rows * cols, nameof(matrix));
        SliceChecks.Length(vector, cols, nameof(vector));
        Span<float> m = Span(matrix);
        ReadOnlySpan<float> v = Span(vector);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = m.Slice(r * cols, cols);
            TensorPrimitives.Add(row, v, row);
        }
    }

    public void AccumulateColumnSums(BufferSlice matrix, int rows, int cols, BufferSlice sums)
    {
        SliceChecks.Length(matrix, rows * cols, nameof(matrix));
        SliceChecks.Length(sums, cols, nameof(sums));
        ReadOnlySpan<float> m = Span(matrix);
        Span<float> s = Span(sums);
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(s, m.Slice(r * cols, cols), s);
        }
    }

    public void Multiply(BufferSlice a, BufferSlice b, BufferSlice destination)
    {
        SliceChecks.Length(b, a.Length, nameof(b));
        SliceChecks.Length(destination, a.Length, nameof(destination));
        TensorPrimitives.Multiply(Span(a), Span(b), Span(destination));
    }

    public void Sigmoid(BufferSlice x, BufferSlice y)
    {
        SliceChecks.Length(y, x.Length, nameof(y));
        TensorPrimitives.Sigmoid(Span(x), Span(y));
    }

    public void LstmGatesForward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious, BufferSlice cell,
        BufferSlice tanhCell, BufferSlice output)
    {
        SliceChecks.LstmGatesForward(batch, hidden, gates, cellPrevious, cell, tanhCell, output);
        var job = new GatesForwardJob
        {
            Batch = batch, Hidden = hidden, Gates = Pointer(gates), CellPrevious = Pointer(cellPrevious),
            Cell = Pointer(cell), TanhCell = Pointer(tanhCell), Output = Pointer(output),
        };
        Run(ref job, batch * 4 * hidden);
    }

    public void LstmGatesBackward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates)
    {
        SliceChecks.LstmGatesBackward(batch, hidden, gates, cellPrevious, tanhCell, dOutput, dRecurrent, dCell, dGates);
        var job = new GatesBackwardJob
        {
            Batch = batch, Hidden = hidden, Gates = Pointer(gates), CellPrevious = Pointer(cellPrevious),
            TanhCell = Pointer(tanhCell), DOutput = Pointer(dOutput), DRecurrent = Pointer(dRecurrent),
            DCell = Pointer(dCell), DGates = Pointer(dGates),
        };
        Run(ref job, batch * 4 * hidden);
    }

    public double SigmoidCrossEntropy(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradScale, BufferSlice dLogits)
    {
        SliceChecks.SigmoidCrossEntropy(rows, cols, logits, targets, rowMask, dLogits);
        var job = new CrossEntropyJob
        {
            Rows = rows, Cols = cols, Logits = Pointer(logits), Targets = Pointer(targets), Mask = Pointer(rowMask),
            GradScale = gradScale, DLogits = Pointer(dLogits), Partials = _partials,
        };
        return RunAndSum(ref job, rows * cols);
    }

    public void DropoutMask(BufferSlice mask, float dropProbability, ulong seed, ulong stream)
    {
        if (!(dropProbability >= 0 && dropProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropProbability), dropProbability, "must lie in [0, 1)");
        }

        var job = new DropoutJob
        {
            Mask = Pointer(mask), Length = mask.Length, DropProbability = dropProbability, Seed = seed, Stream = stream,
        };
        Run(ref job, mask.Length);
    }

    public double SumOfSquares(BufferSlice x)
    {
        var job = new SumOfSquaresJob { Data = Pointer(x), Length = x.Length, Partials = _partials };
        return RunAndSum(ref job, x.Length);
    }

    public void AdamUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step)
    {
        SliceChecks.Length(gradients, parameters.Length, nameof(gradients));
        SliceChecks.Length(firstMoment, parameters.Length, nameof(firstMoment));
        SliceChecks.Length(secondMoment, parameters.Length, nameof(secondMoment));
        var job = new AdamJob
        {
            Parameters = Pointer(parameters), Gradients = Pointer(gradients), FirstMoment = Pointer(firstMoment),
            SecondMoment = Pointer(secondMoment), Length = parameters.Length, Step = step,
        };
        Run(ref job, parameters.Length);
    }

    public void SgdUpdate(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity, float learningRate,
        float momentum, float gradientScale)
    {
        SliceChecks.Length(gradients, parameters.Length, nameof(gradients));
        SliceChecks.Length(velocity, parameters.Length, nameof(velocity));
        var job = new SgdJob
        {
            Parameters = Pointer(parameters), Gradients = Pointer(gradients), Velocity = Pointer(velocity),
            Length = parameters.Length, LearningRate = learningRate, Momentum = momentum, GradientScale = gradientScale,
        };
        Run(ref job, parameters.Length);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _pool.Dispose();
        }
    }

    /// <summary>The [start, end) share of worker w when n items are split among workers.</summary>
    private static (int Start, int End) Share(int n, int worker, int workers) =>
        ((int)((long)n * worker / workers), (int)((long)n * (worker + 1) / workers));

    private void Run<TJob>(ref TJob job, int work) where TJob : struct, IParallelJob
    {
        if (work < ParallelThreshold || _pool.Threads == 1)
        {
            job.Execute(0, 1);
        }
        else
        {
            _pool.Run(ref job);
        }
    }

    private double RunAndSum<TJob>(ref TJob job, int work) where TJob : struct, IParallelJob
    {
        Array.Clear(_partials);
        Run(ref job, work);

        // Summed in worker order, so the result does not depend on which thread finished first.
        double total = 0;
        foreach (double partial in _partials)
        {
            total += partial;
        }

        return total;
    }

    private CpuBuffer Own(BufferSlice slice)
    {
        if (slice.Buffer is not CpuBuffer buffer || !ReferenceEquals(buffer.Backend, this))
        {
            throw new ArgumentException("the slice belongs to another backend", nameof(slice));
        }

        return buffer;
    }

    private CpuPackedMatrix Own(PackedMatrix packed) =>
        packed is CpuPackedMatrix own && ReferenceEquals(own.Backend, this)
            ? own
            : throw new ArgumentException("the packed matrix belongs to another backend", nameof(packed));

    private float* Pointer(BufferSlice slice) => Own(slice).Pointer + slice.Offset;

    private Span<float> Span(BufferSlice slice) => Own(slice).Span.Slice(slice.Offset, slice.Length);
}
