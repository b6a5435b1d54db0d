using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// C = alpha·A·B + beta·C for an A of at most <see cref="MaxRows"/> rows. With so few rows the product is bound by
/// reading B once, so packing B (a full extra pass over it) is skipped: the product becomes row updates of contiguous
/// column blocks of B (<see cref="RowDotJob{TFormat, TElement}"/> serves op(B) = Bᵀ). Workers split the columns of
/// C, and each element is computed whole by one worker, so results do not depend on threads.
/// </summary>
internal unsafe struct SgemmSmallRows : IParallelJob
{
    public const int MaxRows = 4;

    // Columns per block when B is not transposed: the block's accumulator row stays in L1.
    private const int Block = 1024;

    public int M, N, K;
    public float Alpha, Beta;
    public float* A, B, C;
    public int Lda, Ldb, Ldc;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Execute(int worker, int workers)
    {
        // Shares start on 16-column boundaries so that no two workers write the same cache line of C.
        int chunks = (N + 15) / 16;
        int start = (int)((long)chunks * worker / workers) * 16;
        int end = Math.Min(N, (int)((long)chunks * (worker + 1) / workers) * 16);
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
