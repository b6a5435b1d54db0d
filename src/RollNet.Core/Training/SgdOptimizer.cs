using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>Stochastic gradient descent with classical (heavy-ball) momentum.</summary>
internal sealed class SgdOptimizer : IOptimizer
{
    private readonly DeviceBuffer _velocity;

    /// <summary>SGD with zeroed velocity for <paramref name="parameterCount"/> parameters on <paramref name="backend"/>.</summary>
    /// <param name="backend">Where the velocity lives; the parameters and gradients must be on it too.</param>
    /// <param name="parameterCount">The length of the parameter buffer.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="momentum">μ, the share of the last velocity kept in the next; 0 gives plain SGD.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is negative.</exception>
    public SgdOptimizer(Backend backend, int parameterCount, float learningRate = 0.01f, float momentum = 0.9f)
    {
        (LearningRate, Momentum) = (learningRate, momentum);
        _velocity = backend.Allocate(parameterCount);
        State = [("sgd.velocity", _velocity)];
    }

    /// <inheritdoc/>
    public OptimizerKind Kind => OptimizerKind.Sgd;

    /// <inheritdoc/>
    public float LearningRate { get; set; }

    /// <summary>μ, the share of the last velocity kept in the next; 0 gives plain SGD.</summary>
    public float Momentum { get; }

    /// <inheritdoc/>
    public long Steps { get; set; }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, DeviceBuffer Buffer)> State { get; }

    /// <inheritdoc/>
    public void Update(ParameterSet parameters, DeviceBuffer gradients, float gradientScale)
    {
        Steps++;
        parameters.Backend.SgdUpdate(parameters.Values.All, gradients.All, _velocity.All, LearningRate,
            Momentum, gradientScale);
        parameters.MarkChanged();
    }

    /// <inheritdoc/>
    public void Dispose() => _velocity.Dispose();
}
