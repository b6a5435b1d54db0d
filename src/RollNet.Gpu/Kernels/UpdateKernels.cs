using ILGPU;
using ILGPU.Algorithms;

namespace RollNet.Gpu.Kernels;

/// <summary>Optimizer updates, one thread per parameter, in the CPU backend's order of operations.</summary>
internal static class UpdateKernels
{
    [Kernel]
    public static void Adam(Index1D j, ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v,
        AdamScalars s)
    {
        float grad = g[j] * s.GradientScale;
        float mNew = (s.Beta1 * m[j]) + ((1 - s.Beta1) * grad);
        float vNew = (s.Beta2 * v[j]) + ((1 - s.Beta2) * grad * grad);
        m[j] = mNew;
        v[j] = vNew;
        p[j] -= s.LearningRate * mNew / (XMath.Sqrt(vNew) + s.Epsilon);
    }

    [Kernel]
    public static void Sgd(Index1D j, ArrayView<float> p, ArrayView<float> g, ArrayView<float> velocity,
        float learningRate, float momentum, float gradientScale)
    {
        float v = (momentum * velocity[j]) + (g[j] * gradientScale);
        velocity[j] = v;
        p[j] -= learningRate * v;
    }
}
