using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>Weights stored as float32.</summary>
internal readonly unsafe struct Float32Weights : IWeightFormat<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load8(float* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load1(float* p) => *p;
}
