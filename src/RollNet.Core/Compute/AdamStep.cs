namespace RollNet.Compute;

/// <summary>The scalars of one Adam update; the bias corrections are folded in by the caller.</summary>
/// <param name="LearningRate">Step size α.</param>
/// <param name="Beta1">Decay of the first moment.</param>
/// <param name="Beta2">Decay of the second moment.</param>
/// <param name="Epsilon">Added to √v̂ to keep the denominator away from zero.</param>
/// <param name="StepNumber">1 for the first update; gives the bias corrections 1 − β^t.</param>
/// <param name="GradientScale">Multiplies every gradient first (1, or the clipping factor).</param>
internal readonly record struct AdamStep(
    float LearningRate, float Beta1, float Beta2, float Epsilon, long StepNumber, float GradientScale)
{
    /// <summary>α·√(1 − β2^t)/(1 − β1^t): the bias-corrected step size.</summary>
    public float CorrectedLearningRate =>
        (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, StepNumber)) / (1 - Math.Pow(Beta1, StepNumber)));

    /// <summary>ε scaled the same way, so p −= α̂·m / (√v + ε̂) equals the textbook update exactly.</summary>
    public float CorrectedEpsilon => (float)(Epsilon * Math.Sqrt(1 - Math.Pow(Beta2, StepNumber)));
}
