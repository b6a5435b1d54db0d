using RollNet.Compute;

namespace RollNet.Generation;

/// <summary>
/// How <see cref="ConditionalSampler"/> draws the free keys given the held ones. A caller passes it to
/// <see cref="ConditionalSampler.Generate"/> to choose the particles, the temperature and the seed.
/// </summary>
public sealed record ConditionalSamplingOptions
{
    /// <summary>
    /// Particles: candidate pieces drawn side by side as the rows of one batch and weighed by how likely the model
    /// finds the held keys in each. More follow the held keys' demands better and estimate their likelihood more
    /// closely, at proportional cost. At least 1, at most <see cref="ConditionalSampler.MaxParticles"/>.
    /// </summary>
    public int Particles { get; init; } = 64;

    /// <summary>Divides the log-odds before the sigmoid, for the drawn keys and the weights alike. Must be positive.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Precision of the weights while drawing; see <see cref="SamplingOptions.Precision"/>.</summary>
    public MatrixPrecision Precision { get; init; } = MatrixPrecision.Float32;

    /// <summary>
    /// Draws a particle's frame again, up to <see cref="Sampler.MaxRedraws"/> times, while it would move into parallel
    /// fifths or octaves with the particle's frame before it, or with the step after it when that step is held whole
    /// (the end of a gap filled in), as <see cref="SamplingOptions.AvoidParallels"/> does; a step whose keys are all
    /// held is left as it is. The particle is weighed by the draw it keeps, so the estimate of
    /// the held keys' likelihood then describes the rule and the model together, not the model alone.
    /// </summary>
    public bool AvoidParallels { get; init; }

    /// <summary>Fixes every draw and every resampling: the same seed and held keys give the same music.</summary>
    public ulong Seed { get; init; } = 1;
}
