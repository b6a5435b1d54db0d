using RollNet.Compute;

namespace RollNet.Generation;

/// <summary>
/// How each generated frame is drawn from the network's key probabilities. A caller passes it to
/// <see cref="Sampler.Generate"/> to choose the temperature, the seed and the most notes a frame may have.
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Divides the logits before the sigmoid: below 1 sharpens, above 1 flattens. Must be positive.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Most keys sounding at once; extra sampled keys with the lowest probability are dropped. 0 = no limit.</summary>
    public int MaxNotes { get; init; }

    /// <summary>
    /// Precision of the weights while generating. bfloat16 halves the memory a step reads (the step is bound by
    /// it) at a cost in NLL measured in docs/PERFORMANCE.md.
    /// </summary>
    public MatrixPrecision Precision { get; init; } = MatrixPrecision.Float32;

    /// <summary>
    /// Draws a frame again, up to <see cref="Sampler.MaxRedraws"/> times, while it would move into parallel fifths or
    /// octaves with the frame before it (between the outer voices, or between any two voices of four-note frames, as
    /// <c>rollnet stats</c> counts them): each frame then comes from the model's distribution given that it makes no
    /// such parallels. The model is unchanged; this is a rule of harmony applied while sampling.
    /// </summary>
    public bool AvoidParallels { get; init; }

    /// <summary>Fixes every draw: the same seed and primer give the same music on the same backend.</summary>
    public ulong Seed { get; init; } = 1;
}
