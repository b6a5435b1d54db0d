namespace RollNet.Gpu.Kernels;

/// <summary>A 4×4 block of SGEMM accumulators that the compiler keeps in registers: rows R0..R3, four columns each.</summary>
internal struct QuadBlock
{
    public Quad R0, R1, R2, R3;

    /// <summary>Adds the outer product a·bᵀ: row i gains a_i·b. Sixteen multiply-adds, which ptxas fuses.</summary>
    public void Add(Quad a, Quad b)
    {
        R0 = Add(R0, a.X, b);
        R1 = Add(R1, a.Y, b);
        R2 = Add(R2, a.Z, b);
        R3 = Add(R3, a.W, b);
    }

    private static Quad Add(Quad c, float a, Quad b) =>
        new(c.X + (a * b.X), c.Y + (a * b.Y), c.Z + (a * b.Z), c.W + (a * b.W));
}
