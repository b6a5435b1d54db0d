using System.Numerics.Tensors;

namespace RollNet.Compute;

/// <summary>
/// C = alpha·A·op(B) + beta·C for an A of at most <see cref="MaxRows"/> rows, such as one generation step. With so
/// few rows the product is bound by reading B once, so packing B (a full extra pass over it) is skipped: op(B) = Bᵀ
/// becomes dot products of contiguous rows, op(B) = B becomes row updates of contiguous column blocks. Workers
/// split the columns of C, and each element is computed whole by one worker, so results do not depend on threads.
/// </summary>
internal unsafe struct SgemmSmallRows : IParallelJob
{
    public const int MaxRows = 4;

    // Columns per block when B is not transposed: the block's accumulator row stays in L1.
    private const int Block = 1024;

    public bool TransB;
    public int M, N, K;
    public float Alpha, Beta;
    public float* A, B, C;
    public int Lda, Ldb, Ldc;

    public readonly void Execute(int worker, int workers)
    {
        // Shares start on 16-column boundaries so that no two workers write the same cache line of C.
        int chunks = (N + 15) / 16;
        int start = (int)((long)chunks * worker / workers) * 16;
        int end = Math.Min(N, (int)((long)chunks * (worker + 1) / workers) * 16);
        if (TransB)
        {
            for (int j = start; j < end; j++)
            {
                var row = new ReadOnlySpan<float>(B + ((long)j * Ldb), K);
                for (int i = 0; i < M; i++)
                {
                    Store(i, j, TensorPrimitives.Dot(new ReadOnlySpan<float>(A + ((long)i * Lda), K), row));
                }
            }

            return;
        }

        Span<float> sum = stackalloc float[Block];
        for (int j0 = start; j0 < end; j0 += Block)
        {
            int width = Math.Min(Block, end - j0);
            Span<float> acc = sum[..width];
            for (int i = 0; i < M; i++)
            {
                acc.Clear();
                for (int p = 0; p < K; p++)
                {
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(B + ((long)p * Ldb) + j0, width),
                        A[((long)i * Lda) + p], acc, acc);
                }

                for (int j = 0; j < width; j++)
                {
                    Store(i, j0 + j, acc[j]);
                }
            }
        }
    }

    private readonly void Store(int i, int j, float product)
    {
        float* c = C + ((long)i * Ldc) + j;
        *c = Beta == 0 ? Alpha * product : (Alpha * product) + (Beta * *c);
    }
}
