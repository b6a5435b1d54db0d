using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute;

/// <summary>
/// The logistic sigmoid σ(x) = 1 / (1 + e^−x) in float32, eight lanes at a time, for kernels that evaluate it once per
/// key and hidden unit (the NADE head: 88·N a frame).
/// </summary>
/// <remarks>
/// TensorPrimitives' float exponential computes in double precision and costs about five times as much here. This one
/// is Cephes' expf: e^x = 2^n·e^r with n = round(x·log2 e) and |r| ≤ ln 2 / 2, e^r from a degree-7 polynomial
/// (relative error below 2·10⁻⁷ on the clamped range), so σ is within a few float ulps of the exact value. Every lane
/// and the scalar form run the same sequence of correctly rounded operations (fused multiply-adds included), so a
/// value's bits depend neither on its position in a span nor on the instruction set. NaN gives NaN; x beyond ±87
/// saturates to 0 or 1 (to within 10⁻³⁸).
/// </remarks>
internal static class Logistic
{
    private const float Limit = 87f;
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>σ of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        return one / (one + Exp(-x));
    }

    /// <summary>σ(x), bit for bit what <see cref="Sigmoid(Vector256{float})"/> gives in any lane.</summary>
    public static float Sigmoid(float x) => 1f / (1f + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Max(Vector256.Min(x, Vector256.Create(Limit)), Vector256.Create(-Limit));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        Vector256<float> e = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256.Create(1f);
        Vector256<int> exponent = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return e * exponent.AsSingle();
    }

    private static float Exp(float x)
    {
        x = MathF.Max(MathF.Min(x, Limit), -Limit);
        float n = MathF.Round(x * Log2E);
        float r = MathF.FusedMultiplyAdd(n, -Ln2High, x);
        r = MathF.FusedMultiplyAdd(n, -Ln2Low, r);
        float p = MathF.FusedMultiplyAdd(P0, r, P1);
        p = MathF.FusedMultiplyAdd(p, r, P2);
        p = MathF.FusedMultiplyAdd(p, r, P3);
        p = MathF.FusedMultiplyAdd(p, r, P4);
        p = MathF.FusedMultiplyAdd(p, r, P5);
        float e = MathF.FusedMultiplyAdd(p, r * r, r) + 1f;
        return e * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }
}
