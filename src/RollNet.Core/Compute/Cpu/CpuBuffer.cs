using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RollNet.Compute.Cpu;

/// <summary>Storage of the <see cref="CpuBackend"/>: a pinned managed array, so kernels may hold raw pointers.</summary>
internal sealed unsafe class CpuBuffer : DeviceBuffer
{
    private readonly float[] _data;

    public CpuBuffer(CpuBackend backend, int length) : base(backend, length)
    {
        _data = GC.AllocateArray<float>(length, pinned: true);
        Pointer = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_data));
    }

    /// <summary>Address of element 0; valid for the buffer's lifetime because the array is pinned.</summary>
    public float* Pointer { get; }

    public Span<float> Span => _data;
}
