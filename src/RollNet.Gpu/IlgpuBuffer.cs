using ILGPU;
using ILGPU.Runtime;
using RollNet.Compute;

namespace RollNet.Gpu;

/// <summary>Storage of the <see cref="IlgpuBackend"/>: float32 memory on its accelerator.</summary>
internal sealed class IlgpuBuffer : DeviceBuffer
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _memory;

    public IlgpuBuffer(IlgpuBackend backend, int length, MemoryBuffer1D<float, Stride1D.Dense> memory)
        : base(backend, length)
    {
        _memory = memory;
    }

    /// <summary>Elements [offset, offset + length) as a view kernels take.</summary>
    public ArrayView<float> View(int offset, int length) => _memory.View.SubView(offset, length);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _memory.Dispose();
        }
    }
}
