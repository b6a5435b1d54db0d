using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

/// <summary>Sigmoid output with binary cross-entropy, computed from logits so that large |z| stays finite.</summary>
internal static class LossKernels
{
    /// <summary>Loss of one row of keys, summed; writes dLogits = (σ(z) − y)·scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SigmoidCrossEntropyRow(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets,
        float gradScale, Span<float> dLogits)
    {
        double loss = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            float z = logits[j];
            float y = targets[j];

            // −[y·log σ(z) + (1−y)·log(1−σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|)
            float e = MathF.Exp(-MathF.Abs(z));
            loss += MathF.Max(z, 0) - (z * y) + MathF.Log(1 + e);
            float sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            dLogits[j] = (sigmoid - y) * gradScale;
        }

        return loss;
    }
}
