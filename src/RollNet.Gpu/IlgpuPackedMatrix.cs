using ILGPU;
using RollNet.Compute;

namespace RollNet.Gpu;

/// <summary>
/// The <see cref="IlgpuBackend"/>'s packed operand: op(B) as a plain k×n row-major float32 copy, which the tiled
/// SGEMM reads as it reads any matrix. A bfloat16 matrix holds its values rounded to bfloat16 but widened again, so
/// products match the CPU's bfloat16 path to rounding while the kernel stays one.
/// </summary>
internal sealed class IlgpuPackedMatrix : PackedMatrix
{
    public IlgpuPackedMatrix(IlgpuBackend backend, int k, int n, MatrixPrecision precision)
        : base(backend, k, n, precision)
    {
        Storage = (IlgpuBuffer)backend.Allocate(checked(k * n));
    }

    /// <summary>The k×n copy.</summary>
    public IlgpuBuffer Storage { get; }

    public ArrayView<float> View => Storage.View(0, Storage.Length);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Storage.Dispose();
        }
    }
}
