namespace RollNet.Gpu.Kernels;

/// <summary>
/// The scalars of one SGEMM launch: C = alpha·op(A)·op(B) + beta·C, op(A) m×k, op(B) k×n. <see cref="QuadsA"/> and
/// <see cref="QuadsB"/> are 1 where the operand's view starts 16-byte aligned and its leading dimension is a multiple of
/// four, so that every four consecutive stored elements that start at a multiple of four can be read as one vector.
/// </summary>
internal readonly record struct GemmShape(int M, int N, int K, int Lda, int Ldb, int Ldc, int TransA, int TransB,
    float Alpha, float Beta, int QuadsA, int QuadsB);
