using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute;

/// <summary>
/// The <see cref="CpuBackend"/>'s packed operand: float32 in the SGEMM micro-kernel's panel layout, or bfloat16 as
/// n rows of k (op(B)ᵀ), the layout of the row-dot kernel.
/// </summary>
internal sealed unsafe class CpuPackedMatrix : PackedMatrix
{
    private readonly ushort[]? _narrow;

    public CpuPackedMatrix(Backend backend, int k, int n, MatrixPrecision precision) : base(backend, k, n, precision)
    {
        if (precision == MatrixPrecision.Float32)
        {
            Panels = new SgemmPackedB(k, n);
        }
        else
        {
            _narrow = GC.AllocateArray<ushort>(checked(n * k), pinned: true);
            Narrow = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_narrow));
        }
    }

    /// <summary>The float32 panels, or null for a narrow matrix.</summary>
    public SgemmPackedB? Panels { get; }

    /// <summary>The bfloat16 rows (n×k), or null for a float32 matrix.</summary>
    public ushort* Narrow { get; }
}
