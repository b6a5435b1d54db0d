using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>Adam (Kingma and Ba, 2015) with bias correction.</summary>
public sealed class AdamOptimizer : IOptimizer
{
    private readonly DeviceBuffer _m, _v;

    public AdamOptimizer(Backend backend, int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f,
        float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        (LearningRate, Beta1, Beta2, Epsilon) = (learningRate, beta1, beta2, epsilon);
        _m = backend.Allocate(parameterCount);
        _v = backend.Allocate(parameterCount);
        State = [("adam.m", _m), ("adam.v", _v)];
    }

    public OptimizerKind Kind => OptimizerKind.Adam;

    public float LearningRate { get; set; }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public long Steps { get; set; }

    public IReadOnlyList<(string Name, DeviceBuffer Buffer)> State { get; }

    public void Update(ParameterSet parameters, DeviceBuffer gradients, float gradientScale)
    {
        Steps++;
        parameters.Backend.AdamUpdate(parameters.Values.All, gradients.All, _m.All, _v.All,
            new AdamStep(LearningRate, Beta1, Beta2, Epsilon, Steps, gradientScale));
        parameters.MarkChanged();
    }

    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
    }
}
