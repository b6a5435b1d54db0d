namespace RollNet.Gpu.Kernels;

/// <summary>The scalars of one SGEMM launch: C = alpha·op(A)·op(B) + beta·C, op(A) m×k, op(B) k×n.</summary>
internal readonly record struct GemmShape(int M, int N, int K, int Lda, int Ldb, int Ldc, int TransA, int TransB,
    float Alpha, float Beta);
