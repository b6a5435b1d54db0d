using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>A gradient-descent rule over the flat parameter buffer.</summary>
internal interface IOptimizer : IDisposable
{
    /// <summary>Which rule this is; checkpoints record it with the optimizer state.</summary>
    OptimizerKind Kind { get; }

    /// <summary>The step size of the next updates; a schedule may lower it between epochs.</summary>
    float LearningRate { get; set; }

    /// <summary>Updates applied so far.</summary>
    long Steps { get; set; }

    /// <summary>Per-parameter state (moments, velocity), each as long as the parameter buffer; saved in checkpoints.</summary>
    IReadOnlyList<(string Name, DeviceBuffer Buffer)> State { get; }

    /// <summary>One update of <paramref name="parameters"/> from <paramref name="gradients"/> (same layout), each gradient multiplied first by <paramref name="gradientScale"/>.</summary>
    void Update(ParameterSet parameters, DeviceBuffer gradients, float gradientScale);
}
