namespace RollNet.Training;

/// <summary>Which gradient-descent rule a <see cref="Trainer"/> uses.</summary>
public enum OptimizerKind
{
    Adam,
    Sgd,
}
