using System.Text.Json.Serialization;

namespace RollNet.Training;

/// <summary>Which gradient-descent rule a <see cref="TrainingRun"/> uses (<see cref="TrainerOptions.Optimizer"/>).</summary>
/// <remarks>Checkpoints name it by the JSON names below, which stay as they are whatever the members are called.</remarks>
[JsonConverter(typeof(OptimizerKindJsonConverter))]
public enum OptimizerKind
{
    /// <summary>Adam (<see cref="AdamOptimizer"/>), "adam" in checkpoints.</summary>
    [JsonStringEnumMemberName("adam")]
    Adam,

    /// <summary>SGD with momentum (<see cref="SgdOptimizer"/>), "sgd" in checkpoints.</summary>
    [JsonStringEnumMemberName("sgd")]
    Sgd,
}
