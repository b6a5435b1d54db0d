using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// C = alpha·A·Wᵀ + beta·C with A m×k (float32) and W n×k stored in <typeparamref name="TFormat"/>, computed as dot
/// products of rows (<see cref="RowDotKernels"/>). Workers split the columns of C; each element is computed whole by
/// one worker, so the result does not depend on the number of threads.
/// </summary>
internal unsafe struct RowDotJob<TFormat, TElement> : IParallelJob
    where TFormat : IWeightFormat<TElement>
    where TElement : unmanaged
{
    public int M, N, K;
    public float Alpha, Beta;
    public float* A, C;
    public TElement* W;
    public int Lda, Ldw, Ldc;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Execute(int worker, int workers)
    {
        // Shares start on 16-column boundaries so that no two workers write the same cache line of C.
        int chunks = (N + 15) / 16;
        int start = (int)((long)chunks * worker / workers) * 16;
        int end = Math.Min(N, (int)((long)chunks * (worker + 1) / workers) * 16);
        Span<float> dots = stackalloc float[4];
        for (int j = start; j < end; j += 4)
        {
            int count = Math.Min(4, end - j);

            // Past the end, repeat the last row rather than read outside W; those results are not stored.
            TElement* w0 = Row(j, end), w1 = Row(j + 1, end), w2 = Row(j + 2, end), w3 = Row(j + 3, end);
            for (int i = 0; i < M; i++)
            {
                RowDotKernels.Dot4<TFormat, TElement>(A + ((long)i * Lda), w0, w1, w2, w3, K, dots);
                float* c = C + ((long)i * Ldc) + j;
                for (int r = 0; r < count; r++)
                {
                    c[r] = Beta == 0 ? Alpha * dots[r] : (Alpha * dots[r]) + (Beta * c[r]);
                }
            }
        }
    }

    private readonly TElement* Row(int j, int end) => W + ((long)Math.Min(j, end - 1) * Ldw);
}
