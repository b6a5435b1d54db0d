namespace RollNet.Compute;

/// <summary>
/// How a packed weight matrix stores its values. A caller chooses it in
/// <see cref="Generation.SamplingOptions.Precision"/>, <see cref="Generation.ConditionalSamplingOptions.Precision"/>,
/// <see cref="Inference.InferenceRunner.Feed"/> and <see cref="Inference.Evaluation"/> to run a trained model on
/// bfloat16 weights, faster and a little less exact.
/// </summary>
public enum MatrixPrecision
{
    /// <summary>
    /// IEEE single precision, as the parameters themselves: products equal the unpacked product to rounding (the
    /// order in which a backend adds the k products may differ between the two).
    /// </summary>
    Float32,

    /// <summary>
    /// bfloat16 (the top 16 bits of a float32, rounded to nearest even), widened back to float32 in registers:
    /// half the memory traffic for about three significant digits per weight. For inference only: it multiplies an
    /// untransposed left-hand side only.
    /// </summary>
    BFloat16,
}
