using ILGPU.Algorithms;

namespace RollNet.Gpu.Kernels;

/// <summary>Scalar activations for kernels, in forms that cannot overflow: exp only ever sees a non-positive argument.</summary>
internal static class DeviceMath
{
    public static float Sigmoid(float x)
    {
        float e = XMath.Exp(-XMath.Abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    public static float Tanh(float x)
    {
        float e = XMath.Exp(-2 * XMath.Abs(x));
        float t = (1 - e) / (1 + e);
        return x >= 0 ? t : -t;
    }
}
