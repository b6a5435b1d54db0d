using System.Runtime.CompilerServices;

namespace RollNet.Compute.Cpu;

/// <summary>
/// Sigmoid output with binary cross-entropy, and softmax output with categorical cross-entropy, each computed from
/// logits so that large |z| stays finite.
/// </summary>
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

    /// <summary>
    /// Loss of one row of K + 1 classes, −log softmax(z)[c] (see <see cref="Backend.CategoricalCrossEntropy"/>);
    /// writes dLogits = (softmax(z) − onehot(c))·scale.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CategoricalCrossEntropyRow(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets,
        float gradientScale, Span<float> dLogits)
    {
        // The highest sounding key, or the rest class after the keys.
        int c = targets.Length - 1;
        while (c >= 0 && targets[c] == 0)
        {
            c--;
        }

        c = c < 0 ? targets.Length : c;

        // A comparison rather than MathF.Max, which keeps NaN where a GPU's max drops it, so that both backends pick
        // the same m; a NaN logit still reaches the sum through its exponential.
        float max = logits[0];
        for (int j = 1; j < logits.Length; j++)
        {
            max = logits[j] > max ? logits[j] : max;
        }

        // The exponentials wait in dLogits until their sum is known.
        double sum = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            float e = MathF.Exp(logits[j] - max);
            dLogits[j] = e;
            sum += e;
        }

        for (int j = 0; j < logits.Length; j++)
        {
            float probability = (float)(dLogits[j] / sum);
            dLogits[j] = (probability - (j == c ? 1 : 0)) * gradientScale;
        }

        // In double, z_c − m cannot overflow.
        return Math.Log(sum) - ((double)logits[c] - max);
    }
}
