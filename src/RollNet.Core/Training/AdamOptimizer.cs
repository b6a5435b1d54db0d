using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>Adam (Kingma and Ba, 2015) with bias correction.</summary>
internal sealed class AdamOptimizer : IOptimizer
{
    private readonly DeviceBuffer _m, _v;

    /// <summary>Adam with zeroed moments for <paramref name="parameterCount"/> parameters on <paramref name="backend"/>.</summary>
    /// <param name="backend">Where the moments live; the parameters and gradients must be on it too.</param>
    /// <param name="parameterCount">The length of the parameter buffer.</param>
    /// <param name="learningRate">The step size α.</param>
    /// <param name="beta1">β₁, the decay of the first-moment (mean) estimate.</param>
    /// <param name="beta2">β₂, the decay of the second-moment (uncentred variance) estimate.</param>
    /// <param name="epsilon">ε, added to the square root of the second moment so no step divides by zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is negative.</exception>
    public AdamOptimizer(Backend backend, int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f,
        float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        (LearningRate, Beta1, Beta2, Epsilon) = (learningRate, beta1, beta2, epsilon);
        _m = backend.Allocate(parameterCount);
        _v = backend.Allocate(parameterCount);
        State = [("adam.m", _m), ("adam.v", _v)];
    }

    /// <inheritdoc/>
    public OptimizerKind Kind => OptimizerKind.Adam;

    /// <inheritdoc/>
    public float LearningRate { get; set; }

    /// <summary>β₁, the decay of the first-moment (mean) estimate.</summary>
    public float Beta1 { get; }

    /// <summary>β₂, the decay of the second-moment (uncentred variance) estimate.</summary>
    public float Beta2 { get; }

    /// <summary>ε, added to the square root of the second moment so no step divides by zero.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public long Steps { get; set; }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, DeviceBuffer Buffer)> State { get; }

    /// <inheritdoc/>
    public void Update(ParameterSet parameters, DeviceBuffer gradients, float gradientScale)
    {
        Steps++;
        parameters.Backend.AdamUpdate(parameters.Values.All, gradients.All, _m.All, _v.All,
            new AdamStep(LearningRate, Beta1, Beta2, Epsilon, Steps, gradientScale));
        parameters.MarkChanged();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
    }
}
