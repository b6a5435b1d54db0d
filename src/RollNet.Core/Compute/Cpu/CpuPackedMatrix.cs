using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// The <see cref="CpuBackend"/>'s packed operand: float32 in the SGEMM micro-kernel's panel layout, or bfloat16 as
/// n rows of k (op(B)ᵀ), the layout of the row-dot kernel.
/// </summary>
internal sealed unsafe class CpuPackedMatrix : PackedMatrix
{
    private readonly ushort[]? _bfloat16;

    public CpuPackedMatrix(CpuBackend backend, int k, int n, MatrixPrecision precision) : base(backend, k, n, precision)
    {
        if (precision == MatrixPrecision.Float32)
        {
            Panels = new SgemmPackedB(k, n);
        }
        else
        {
            _bfloat16 = GC.AllocateArray<ushort>(checked(n * k), pinned: true);
            BFloat16 = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bfloat16));
        }
    }

    /// <summary>The float32 panels, or null for a bfloat16 matrix.</summary>
    public SgemmPackedB? Panels { get; }

    /// <summary>The bfloat16 rows (n×k), or null for a float32 matrix.</summary>
    public ushort* BFloat16 { get; }
}
