namespace RollNet.Model;

/// <summary>
/// The "config" object of a checkpoint header. Kept apart from <see cref="ModelConfig"/> so that every field is
/// required in the file (a missing one must not silently take a default) and renaming a property cannot change the
/// format.
/// </summary>
internal sealed record CheckpointHeaderConfig(int Layers, int HiddenSize, float Dropout, int InputSize, int OutputSize)
{
    public static CheckpointHeaderConfig From(ModelConfig config) =>
        new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize);

    public ModelConfig ToModelConfig() => new(Layers, HiddenSize, Dropout, InputSize, OutputSize);
}
