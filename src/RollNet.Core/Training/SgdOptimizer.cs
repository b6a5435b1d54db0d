using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>Stochastic gradient descent with classical (heavy-ball) momentum.</summary>
public sealed class SgdOptimizer : IOptimizer
{
    private readonly DeviceBuffer _velocity;

    public SgdOptimizer(Backend backend, int parameterCount, float learningRate = 0.01f, float momentum = 0.9f)
    {
        (LearningRate, Momentum) = (learningRate, momentum);
        _velocity = backend.Allocate(parameterCount);
        State = [("sgd.velocity", _velocity)];
    }

    public OptimizerKind Kind => OptimizerKind.Sgd;

    public float LearningRate { get; set; }

    public float Momentum { get; }

    public long Steps { get; set; }

    public IReadOnlyList<(string Name, DeviceBuffer Buffer)> State { get; }

    public void Update(ParameterSet parameters, DeviceBuffer gradients, float gradientScale)
    {
        Steps++;
        parameters.Backend.SgdUpdate(parameters.Values.All, gradients.All, _velocity.All, LearningRate,
            Momentum, gradientScale);
        parameters.MarkChanged();
    }

    public void Dispose() => _velocity.Dispose();
}
