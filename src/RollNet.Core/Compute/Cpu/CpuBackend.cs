using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The backend and its kernels in a namespace of their own, so that the layering tests see every use of a kernel elsewhere.
namespace RollNet.Compute.Cpu;

/// <summary>
/// The SIMD CPU implementation of the seam: pinned host buffers, a blocked SGEMM, and element-wise kernels split
/// across a persistent pool of worker threads (no allocation per call once buffers exist). A program creates one to
/// run a model on the CPU, passes it to <see cref="Model.RollModel"/> or <see cref="Training.TrainingRun"/>, and
/// disposes it after them.
/// </summary>
public sealed unsafe partial class CpuBackend : Backend
{
    // Element-wise work smaller than this runs on the calling thread: waking workers costs more.
    private const int ParallelThreshold = 1 << 15;

    private readonly WorkerPool _pool;
    // One partial sum per row or block, added in order, so that a sum does not depend on the number of threads.
    private double[] _partials = [];
    // The NADE backward pass's per-chunk partial gradients and per-worker rows (see NadeBackwardJob).
    private float[] _nadeScratch = [];

    /// <summary>
    /// The most worker threads a backend starts: far more than any machine's cores, and far fewer than start a process
    /// out of memory (100,000 did).
    /// </summary>
    public const int MaxThreads = 1024;

    /// <summary>Starts the backend's worker threads.</summary>
    /// <param name="threads">Worker threads, the calling thread included; 0 or less means every core.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is over <see cref="MaxThreads"/>.</exception>
    public CpuBackend(int threads = 0)
    {
        _pool = new WorkerPool(threads);
    }

    /// <inheritdoc/>
    public override string Name => "cpu";

    /// <summary>True: each instance computes on its own threads, so instances run side by side.</summary>
    public override bool InstancesRunConcurrently => true;

    /// <summary>Threads that share each operation.</summary>
    public int Threads => _pool.Threads;

    // Every CPU operation has finished when it returns, so there is nothing to wait for.
    /// <inheritdoc/>
    private protected override void SynchronizeCore()
    {
    }

    /// <inheritdoc/>
    private protected override DeviceBuffer AllocateCore(int length) => new CpuBuffer(this, length);

    /// <inheritdoc/>
    private protected override void UploadCore(ReadOnlySpan<float> source, BufferSlice destination) =>
        source.CopyTo(Span(destination));

    /// <inheritdoc/>
    private protected override void DownloadCore(BufferSlice source, Span<float> destination) =>
        Span(source).CopyTo(destination);

    /// <inheritdoc/>
    private protected override void FillCore(BufferSlice destination, float value)
    {
        var job = new FillJob { Destination = Pointer(destination), Length = destination.Length, Value = value };
        Run(ref job, destination.Length);
    }

    /// <inheritdoc/>
    private protected override void CopyCore(BufferSlice source, BufferSlice destination)
    {
        var job = new CopyJob { Source = Pointer(source), Destination = Pointer(destination), Length = source.Length };
        Run(ref job, source.Length);
    }

    /// <inheritdoc/>
    private protected override void GemmCore(bool transA, bool transB, int m, int n, int k, float alpha, BufferSlice a,
        int lda, BufferSlice b, int ldb, float beta, BufferSlice c, int ldc) =>
        Sgemm.Multiply(_pool, transA, transB, m, n, k, alpha, Pointer(a), lda, Pointer(b), ldb, beta, Pointer(c), ldc);

    /// <inheritdoc/>
    private protected override PackedMatrix AllocatePackedCore(int k, int n, MatrixPrecision precision) =>
        new CpuPackedMatrix(this, k, n, precision);

    /// <inheritdoc/>
    private protected override void PackCore(bool transB, BufferSlice b, int ldb, PackedMatrix packed)
    {
        var own = Storage<CpuPackedMatrix>(packed);
        if (own.Panels is { } panels)
        {
            panels.Pack(transB, Pointer(b), ldb);
            return;
        }

        // bfloat16 rows of op(B)ᵀ: row j holds column j of op(B).
        float* source = Pointer(b);
        for (int j = 0; j < own.N; j++)
        {
            ushort* row = own.BFloat16 + ((long)j * own.K);
            for (int p = 0; p < own.K; p++)
            {
                row[p] = BFloat16Bits.FromSingle(transB ? source[((long)j * ldb) + p] : source[((long)p * ldb) + j]);
            }
        }
    }

    /// <inheritdoc/>
    private protected override void GemmCore(bool transA, int m, float alpha, BufferSlice a, int lda, PackedMatrix b,
        float beta, BufferSlice c, int ldc)
    {
        var own = Storage<CpuPackedMatrix>(b);
        if (own.Panels is { } panels)
        {
            Sgemm.Multiply(_pool, transA, m, alpha, Pointer(a), lda, panels, beta, Pointer(c), ldc);
            return;
        }

        var job = new RowDotJob<BFloat16Weights, ushort>
        {
            M = m, N = own.N, K = own.K, Alpha = alpha, Beta = beta, A = Pointer(a), W = own.BFloat16, C = Pointer(c),
            Lda = lda, Ldw = own.K, Ldc = ldc,
        };
        Sgemm.Run(_pool, ref job, (long)m * own.N * own.K);
    }

    /// <inheritdoc/>
    private protected override void AddRowVectorCore(BufferSlice matrix, int rows, int cols, BufferSlice vector)
    {
        var job = new AddRowVectorJob { Matrix = Pointer(matrix), Vector = Pointer(vector), Rows = rows, Cols = cols };
        Run(ref job, rows * cols);
    }

    /// <inheritdoc/>
    private protected override void AccumulateColumnSumsCore(BufferSlice matrix, int rows, int cols, BufferSlice sums)
    {
        var job = new ColumnSumsJob { Matrix = Pointer(matrix), Sums = Pointer(sums), Rows = rows, Cols = cols };
        Run(ref job, rows * cols);
    }

    /// <inheritdoc/>
    private protected override void AddParallelMotionCore(int rows, int keys, BufferSlice inputs, int inputWidth,
        BufferSlice targets, int split, BufferSlice weights, BufferSlice visibleBias, BufferSlice classes)
    {
        ReadOnlySpan<float> x = Span(inputs), t = Span(targets), w = Span(weights);
        Span<float> c = Span(visibleBias), classOf = Span(classes);
        for (int r = 0; r < rows; r++)
        {
            ParallelMotion.AddRow(x.Slice(r * inputWidth, keys), t.Slice(r * keys, keys), split, w, c.Slice(r * keys, keys),
                classOf.Slice(r * keys, keys));
        }
    }

    /// <inheritdoc/>
    private protected override void ParallelMotionBackwardCore(int rows, int keys, BufferSlice classes,
        BufferSlice dVisibleBias, BufferSlice dWeights)
    {
        ReadOnlySpan<float> classOf = Span(classes), dc = Span(dVisibleBias);
        Span<float> dw = Span(dWeights);
        for (int j = 0; j < rows * keys; j++)
        {
            if (classOf[j] >= 0)
            {
                dw[(int)classOf[j]] += dc[j];
            }
        }
    }

    /// <inheritdoc/>
    private protected override void MultiplyCore(BufferSlice a, BufferSlice b, BufferSlice destination)
    {
        var job = new MultiplyJob { A = Pointer(a), B = Pointer(b), Destination = Pointer(destination), Length = a.Length };
        Run(ref job, a.Length);
    }

    /// <inheritdoc/>
    private protected override void SigmoidCore(BufferSlice x, BufferSlice y) => TensorPrimitives.Sigmoid(Span(x), Span(y));

    /// <inheritdoc/>
    private protected override void LstmGatesForwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice cell, BufferSlice tanhCell, BufferSlice output)
    {
        var job = new GatesForwardJob
        {
            Batch = batch, Hidden = hidden, Gates = Pointer(gates), CellPrevious = Pointer(cellPrevious),
            Cell = Pointer(cell), TanhCell = Pointer(tanhCell), Output = Pointer(output),
        };
        Run(ref job, batch * 4 * hidden);
    }

    /// <inheritdoc/>
    private protected override void LstmGatesBackwardCore(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates)
    {
        var job = new GatesBackwardJob
        {
            Batch = batch, Hidden = hidden, Gates = Pointer(gates), CellPrevious = Pointer(cellPrevious),
            TanhCell = Pointer(tanhCell), DOutput = Pointer(dOutput), DRecurrent = Pointer(dRecurrent),
            DCell = Pointer(dCell), DGates = Pointer(dGates),
        };
        Run(ref job, batch * 4 * hidden);
    }

    /// <inheritdoc/>
    private protected override double SigmoidCrossEntropyCore(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, float gradScale, BufferSlice dLogits)
    {
        var job = new CrossEntropyJob
        {
            Rows = rows, Cols = cols, Logits = Pointer(logits), Targets = Pointer(targets), Mask = Pointer(rowMask),
            GradScale = gradScale, DLogits = Pointer(dLogits), Partials = Partials(rows),
        };
        return RunAndSum(ref job, rows * cols, rows);
    }

    /// <inheritdoc/>
    private protected override double CategoricalCrossEntropyCore(int rows, int keys, BufferSlice logits,
        BufferSlice targets, BufferSlice rowMask, float gradientScale, BufferSlice dLogits)
    {
        var job = new CategoricalCrossEntropyJob
        {
            Rows = rows, Keys = keys, Logits = Pointer(logits), Targets = Pointer(targets), Mask = Pointer(rowMask),
            GradientScale = gradientScale, DLogits = Pointer(dLogits), Partials = Partials(rows),
        };
        return RunAndSum(ref job, Work(rows * (keys + 1L)), rows);
    }

    /// <inheritdoc/>
    private protected override double NadeLossCore(int rows, int keys, int hidden, BufferSlice visibleBias,
        BufferSlice hiddenBias, BufferSlice weights, BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask,
        float gradScale, BufferSlice dVisibleBias)
    {
        var job = new NadeForwardJob
        {
            Rows = rows, Keys = keys, Hidden = hidden, VisibleBias = Pointer(visibleBias), HiddenBias = Pointer(hiddenBias),
            Weights = Pointer(weights), OutputWeights = Pointer(outputWeights), Targets = Pointer(targets),
            Mask = Pointer(rowMask), DVisibleBias = Pointer(dVisibleBias), GradScale = gradScale, Partials = Partials(rows),
        };
        return RunAndSum(ref job, Work((long)rows * keys * hidden), rows);
    }

    /// <inheritdoc/>
    private protected override void NadeBackwardCore(int rows, int keys, int hidden, BufferSlice hiddenBias, BufferSlice weights,
        BufferSlice outputWeights, BufferSlice targets, BufferSlice rowMask, BufferSlice dVisibleBias,
        BufferSlice dHiddenBias, BufferSlice dWeights, BufferSlice dOutputWeights)
    {
        // Chunks of at least 16 rows and at most 32 chunks: enough to share among workers, few partials to add up.
        int chunkRows = Math.Max(16, (rows + 31) / 32), chunks = (rows + chunkRows - 1) / chunkRows;
        long kn = (long)keys * hidden, partials = chunks * 2 * kn;
        float* scratch = NadeScratch(partials + (_pool.Threads * (kn + hidden)));
        var backward = new NadeBackwardJob
        {
            Rows = rows, Keys = keys, Hidden = hidden, ChunkRows = chunkRows, Chunks = chunks,
            HiddenBias = Pointer(hiddenBias), Weights = Pointer(weights), OutputWeights = Pointer(outputWeights),
            Targets = Pointer(targets), Mask = Pointer(rowMask), DVisibleBias = Pointer(dVisibleBias),
            DHiddenBias = Pointer(dHiddenBias), ChunkPartials = scratch, WorkerScratch = scratch + partials,
        };
        Run(ref backward, Work((long)rows * keys * hidden));
        var reduce = new NadeReduceJob
        {
            Length = (int)kn, Chunks = chunks, ChunkPartials = scratch, DOutputWeights = Pointer(dOutputWeights),
            DWeights = Pointer(dWeights),
        };
        Run(ref reduce, Work(partials));
    }

    /// <inheritdoc/>
    private protected override void DropoutMaskCore(BufferSlice mask, float dropProbability, ulong seed, ulong stream)
    {
        var job = new DropoutJob
        {
            Mask = Pointer(mask), Length = mask.Length, DropProbability = dropProbability, Seed = seed, Stream = stream,
        };
        Run(ref job, mask.Length);
    }

    /// <inheritdoc/>
    private protected override double SumOfSquaresCore(BufferSlice x)
    {
        int blocks = (x.Length + SumOfSquaresJob.Block - 1) / SumOfSquaresJob.Block;
        var job = new SumOfSquaresJob { Data = Pointer(x), Length = x.Length, Partials = Partials(blocks) };
        return RunAndSum(ref job, x.Length, blocks);
    }

    /// <inheritdoc/>
    private protected override void AdamUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice firstMoment,
        BufferSlice secondMoment, in AdamStep step)
    {
        var job = new AdamJob
        {
            Parameters = Pointer(parameters), Gradients = Pointer(gradients), FirstMoment = Pointer(firstMoment),
            SecondMoment = Pointer(secondMoment), Length = parameters.Length, Step = step,
        };
        Run(ref job, parameters.Length);
    }

    /// <inheritdoc/>
    private protected override void SgdUpdateCore(BufferSlice parameters, BufferSlice gradients, BufferSlice velocity,
        float learningRate, float momentum, float gradientScale)
    {
        var job = new SgdJob
        {
            Parameters = Pointer(parameters), Gradients = Pointer(gradients), Velocity = Pointer(velocity),
            Length = parameters.Length, LearningRate = learningRate, Momentum = momentum, GradientScale = gradientScale,
        };
        Run(ref job, parameters.Length);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
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

    /// <summary>Room for <paramref name="count"/> partial sums, grown when needed and kept.</summary>
    private double[] Partials(int count)
    {
        if (_partials.Length < count)
        {
            _partials = new double[count];
        }

        return _partials;
    }

    /// <summary>An amount of work as <see cref="Run{TJob}"/> weighs it, saturated rather than wrapped past int's range.</summary>
    private static int Work(long elements) => (int)Math.Min(int.MaxValue, elements);

    /// <summary>Room for <paramref name="length"/> floats of NADE scratch, grown when needed and kept (pinned).</summary>
    private float* NadeScratch(long length)
    {
        if (_nadeScratch.Length < length)
        {
            _nadeScratch = GC.AllocateArray<float>(checked((int)length), pinned: true);
        }

        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_nadeScratch));
    }

    /// <summary>Runs a job that writes partial sums 0…<paramref name="pieces"/>−1, and adds them in that order.</summary>
    private double RunAndSum<TJob>(ref TJob job, int work, int pieces) where TJob : struct, IParallelJob
    {
        Run(ref job, work);
        double total = 0;
        for (int p = 0; p < pieces; p++)
        {
            total += _partials[p];
        }

        return total;
    }

    private static float* Pointer(BufferSlice slice) => Storage<CpuBuffer>(slice).Pointer + slice.Offset;

    private static Span<float> Span(BufferSlice slice) => Storage<CpuBuffer>(slice).Span.Slice(slice.Offset, slice.Length);
}
