namespace RollNet.Compute;

/// <summary>The <see cref="CpuBackend"/>'s packed operand: the SGEMM micro-kernel's panel layout.</summary>
internal sealed class CpuPackedMatrix(IBackend backend, int k, int n) : PackedMatrix(backend, k, n)
{
    public SgemmPackedB Panels { get; } = new(k, n);
}
