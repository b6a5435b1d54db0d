using System.Numerics;
using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

/// <summary>Element-wise optimizer updates over one contiguous range of the flat parameter buffer.</summary>
internal static class OptimizerKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, in AdamStep step)
    {
        float b1 = step.Beta1, b2 = step.Beta2, scale = step.GradientScale;
        float lr = step.CorrectedLearningRate, eps = step.CorrectedEpsilon;
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<float>(b1);
            var vb2 = new Vector<float>(b2);
            var va1 = new Vector<float>(1 - b1);
            var va2 = new Vector<float>(1 - b2);
            var vScale = new Vector<float>(scale);
            var vLr = new Vector<float>(lr);
            var vEps = new Vector<float>(eps);
            for (; j <= p.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var grad = new Vector<float>(g[j..]) * vScale;
                var mNew = (vb1 * new Vector<float>(m[j..])) + (va1 * grad);
                var vNew = (vb2 * new Vector<float>(v[j..])) + (va2 * grad * grad);
                mNew.CopyTo(m[j..]);
                vNew.CopyTo(v[j..]);
                (new Vector<float>(p[j..]) - (vLr * mNew / (Vector.SquareRoot(vNew) + vEps))).CopyTo(p[j..]);
            }
        }

        for (; j < p.Length; j++)
        {
            float grad = g[j] * scale;
            m[j] = (b1 * m[j]) + ((1 - b1) * grad);
            v[j] = (b2 * v[j]) + ((1 - b2) * grad * grad);
            p[j] -= lr * m[j] / (MathF.Sqrt(v[j]) + eps);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sgd(Span<float> p, ReadOnlySpan<float> g, Span<float> velocity, float learningRate,
        float momentum, float gradientScale)
    {
        for (int j = 0; j < p.Length; j++)
        {
            velocity[j] = (momentum * velocity[j]) + (g[j] * gradientScale);
            p[j] -= learningRate * velocity[j];
        }
    }
}
