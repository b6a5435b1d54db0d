namespace RollNet.Training;

/// <summary>
/// A training step met a loss or gradient that is NaN or infinite. The parameters were not updated, so the model
/// is still the one before the step.
/// </summary>
internal sealed class NonFiniteLossException(string message) : Exception(message);
