namespace RollNet.Compute.Cpu;

/// <summary>
/// Single-precision general matrix multiply on row-major storage:
/// C = alpha * op(A) * op(B) + beta * C, with op(X) either X or its transpose.
/// </summary>
internal static unsafe class Sgemm
{
    // Below this many multiply-adds, waking the other workers costs more than it saves.
    private const long ParallelThreshold = 64L * 64 * 64;

    /// <summary>
    /// Computes C = alpha * op(A) * op(B) + beta * C for row-major matrices, without checking its arguments: the
    /// caller has (<see cref="Backend.Gemm(bool, bool, int, int, int, float, BufferSlice, int, BufferSlice, int, float, BufferSlice, int)"/>
    /// does, and the span form here does), so it validates once and then dispatches, as TensorPrimitives does.
    /// op(A) is m x k: stored m x k (row stride <paramref name="lda"/> &gt;= k) when
    /// <paramref name="transA"/> is false, k x m (<paramref name="lda"/> &gt;= m) when true.
    /// op(B) is k x n: stored k x n (<paramref name="ldb"/> &gt;= n) when <paramref name="transB"/>
    /// is false, n x k (<paramref name="ldb"/> &gt;= k) when true. C is m x n with row stride
    /// <paramref name="ldc"/> &gt;= n; m and n are positive. When beta is 0, C is overwritten without being read.
    /// The result does not depend on the number of workers in <paramref name="pool"/>.
    /// </summary>
    public static void Multiply(
        WorkerPool pool, bool transA, bool transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        Multiply(SgemmKernel.Best, pool, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>
    /// Span form of <see cref="Multiply(WorkerPool, bool, bool, int, int, int, float, float*, int, float*, int, float, float*, int)"/>,
    /// which checks its arguments: the sizes, the leading dimensions, and that each span covers its matrix; an empty
    /// C is left alone.
    /// </summary>
    public static void Multiply(
        WorkerPool pool, bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Validate(transA, transB, m, n, k, lda, ldb, ldc);
        RequireLength(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a), "A");
        RequireLength(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b), "B");
        RequireLength(c.Length, m, n, ldc, nameof(c), "C");
        if (m == 0 || n == 0)
        {
            return;
        }
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Multiply(SgemmKernel.Best, pool, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <summary>
    /// Computes C = alpha * op(A) * op(B) + beta * C with op(B) taken from <paramref name="b"/>
    /// (k x n, packed beforehand), without checking its arguments; otherwise as
    /// <see cref="Multiply(WorkerPool, bool, bool, int, int, int, float, float*, int, float*, int, float, float*, int)"/>.
    /// Gives bit-for-bit the result of the unpacked form wherever that form runs blocked too: when
    /// <paramref name="transA"/> is true or m exceeds <see cref="SgemmSmallRows.MaxRows"/>, and when k or alpha is 0
    /// (both then only scale C by beta). With at most <see cref="SgemmSmallRows.MaxRows"/> untransposed rows of A the
    /// unpacked form skips packing (<see cref="SgemmSmallRows"/>, or <see cref="RowDotJob{TFormat, TElement}"/> for a
    /// transposed B) and adds the k products in another order, so the two agree to rounding only.
    /// </summary>
    public static void Multiply(
        WorkerPool pool, bool transA, int m, float alpha, float* a, int lda,
        SgemmPackedB b, float beta, float* c, int ldc) =>
        Multiply(b.Kernel, pool, transA, false, m, b.N, b.K, alpha, a, lda, null, b.N, beta, c, ldc, b);

    /// <summary>
    /// Span form of <see cref="Multiply(WorkerPool, bool, int, float, float*, int, SgemmPackedB, float, float*, int)"/>,
    /// which checks its arguments as the other span form does.
    /// </summary>
    public static void Multiply(
        WorkerPool pool, bool transA, int m, float alpha, ReadOnlySpan<float> a, int lda,
        SgemmPackedB b, float beta, Span<float> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(b);
        int n = b.N;
        int k = b.K;
        Validate(transA, false, m, n, k, lda, Math.Max(1, n), ldc);
        RequireLength(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a), "A");
        RequireLength(c.Length, m, n, ldc, nameof(c), "C");
        if (m == 0 || n == 0)
        {
            return;
        }
        fixed (float* pa = a)
        fixed (float* pc = c)
        {
            Multiply(b.Kernel, pool, transA, false, m, n, k, alpha, pa, lda, null, n, beta, pc, ldc, b);
        }
    }

    /// <summary>
    /// Runs with a chosen micro-kernel; arguments are already validated and m, n are positive.
    /// When <paramref name="packedB"/> is given it must have been packed for <paramref name="kernel"/>
    /// and replaces b.
    /// </summary>
    internal static void Multiply(
        SgemmKernel kernel, WorkerPool pool, bool transA, bool transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc,
        SgemmPackedB? packedB = null)
    {
        if (k == 0 || alpha == 0f)
        {
            Scale(m, n, beta, c, ldc);
            return;
        }

        if (packedB is null && !transA && m <= SgemmSmallRows.MaxRows)
        {
            if (transB)
            {
                var rows = new RowDotJob<Float32Weights, float>
                {
                    M = m, N = n, K = k, Alpha = alpha, Beta = beta, A = a, W = b, C = c, Lda = lda, Ldw = ldb, Ldc = ldc,
                };
                Run(pool, ref rows, (long)m * n * k);
            }
            else
            {
                var small = new SgemmSmallRows
                {
                    M = m, N = n, K = k, Alpha = alpha, Beta = beta, A = a, B = b, C = c, Lda = lda, Ldb = ldb, Ldc = ldc,
                };
                Run(pool, ref small, (long)m * n * k);
            }

            return;
        }

        var job = new SgemmJob
        {
            Kernel = kernel,
            TransA = transA,
            TransB = transB,
            M = m,
            N = n,
            K = k,
            Alpha = alpha,
            Beta = beta,
            A = a,
            B = b,
            C = c,
            Lda = lda,
            Ldb = ldb,
            Ldc = ldc,
            PackedB = packedB,
            // Split the dimension with more tiles: better balance, and the duplicated packing
            // falls on the smaller operand.
            SplitRows = (m + kernel.Mr - 1) / kernel.Mr >= (n + kernel.Nr - 1) / kernel.Nr,
        };
        Run(pool, ref job, (long)m * n * k);
    }

    internal static void Run<TJob>(WorkerPool pool, ref TJob job, long multiplyAdds) where TJob : struct, IParallelJob
    {
        if (pool.Threads == 1 || multiplyAdds < ParallelThreshold)
        {
            job.Execute(0, 1);
        }
        else
        {
            pool.Run(ref job);
        }
    }

    private static void Scale(int m, int n, float beta, float* c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (long)i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= beta;
                }
            }
        }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k, int lda, int ldb, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (lda < Math.Max(1, transA ? m : k))
        {
            throw new ArgumentOutOfRangeException(nameof(lda), lda, $"lda must be at least {(transA ? "m" : "k")} (and 1).");
        }
        if (ldb < Math.Max(1, transB ? k : n))
        {
            throw new ArgumentOutOfRangeException(nameof(ldb), ldb, $"ldb must be at least {(transB ? "k" : "n")} (and 1).");
        }
        if (ldc < Math.Max(1, n))
        {
            throw new ArgumentOutOfRangeException(nameof(ldc), ldc, "ldc must be at least n (and 1).");
        }
    }

    private static void RequireLength(int length, int rows, int cols, int ld, string paramName, string matrix)
    {
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"{matrix} is stored as {rows} x {cols} with row stride {ld}, which needs {needed} elements, but the span has {length}.",
                paramName);
        }
    }
}
