namespace RollNet.Compute;

/// <summary>
/// bfloat16, the top half of a float32's bits, as every backend rounds to it: the CPU stores these bits and widens
/// them in its kernels, the GPU's packing kernel rounds through them, so a bfloat16 matrix holds the same values on both.
/// </summary>
/// <remarks>Written with the bit conversions ILGPU maps to device instructions, so kernels call it as it is.</remarks>
internal static class BFloat16Bits
{
    /// <summary>The nearest bfloat16 to <paramref name="value"/>, ties to even; NaN stays NaN (made quiet).</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = (uint)BitConverter.SingleToInt32Bits(value);
        return float.IsNaN(value) ? (ushort)((bits >> 16) | 0x40) : (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>The bfloat16 widened back to float32, exactly.</summary>
    public static float ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);
}
