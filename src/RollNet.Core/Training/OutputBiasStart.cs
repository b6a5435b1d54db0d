namespace RollNet.Training;

/// <summary>
/// Where the output biases of a new model start. A caller chooses it as <see cref="TrainingRunOptions.OutputBias"/>.
/// </summary>
public enum OutputBiasStart
{
    /// <summary>At the log-odds of how often each key sounds in the training set (see <see cref="Model.ParameterSet.InitializeOutputBias"/>).</summary>
    Frequencies,

    /// <summary>At zero: every key predicted at one half before training.</summary>
    Zero,
}
