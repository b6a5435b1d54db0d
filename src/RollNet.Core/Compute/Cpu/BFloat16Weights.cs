using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>Weights stored as bfloat16: the top half of a float32's bits, so widening is a 16-bit shift.</summary>
internal readonly unsafe struct BFloat16Weights : IWeightFormat<ushort>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load8(ushort* p) =>
        Vector256.ShiftLeft(Vector256.WidenLower(Vector128.Load(p).ToVector256Unsafe()), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load1(ushort* p) => BFloat16Bits.ToSingle(*p);
}
