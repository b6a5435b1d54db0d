using System.Text.Json;

namespace RollNet.Model;

/// <summary>
/// What a checkpoint says besides its tensors: the model's configuration, the file format version, and the training
/// section the file carries. Immutable.
/// </summary>
/// <param name="Config">The configuration of the model whose parameters the checkpoint holds.</param>
/// <param name="Training">
/// The header's "training" object (docs/FORMAT.md), or null when the checkpoint holds the model alone. It is kept as
/// JSON here because the model does not depend on training; RollNet.Training.TrainingCheckpoint reads and writes it.
/// </param>
internal sealed record CheckpointHeader(ModelConfig Config, JsonElement? Training = null)
{
    private readonly JsonElement? _training = Normalize(Training);

    /// <summary>
    /// The header's "training" object, or null. Setting it throws <see cref="ArgumentException"/> when the value is
    /// neither an object nor null.
    /// </summary>
    public JsonElement? Training
    {
        get => _training;
        init => _training = Normalize(value);
    }

    /// <summary>
    /// The file format version the checkpoint is written in: the lowest that holds its model's head (1 for the sigmoid
    /// head), at most <see cref="CheckpointCodec.FormatVersion"/>.
    /// </summary>
    public int FormatVersion => CheckpointHeaderConfig.VersionFor(Config);

    /// <summary>Equal configurations, versions and training sections (compared as JSON values, not as text).</summary>
    public bool Equals(CheckpointHeader? other) =>
        other is not null && Config == other.Config && FormatVersion == other.FormatVersion &&
        (Training, other.Training) switch
        {
            (null, null) => true,
            ({ } a, { } b) => JsonElement.DeepEquals(a, b),
            _ => false,
        };

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Config, FormatVersion, Training is null);

    // A clone outlives the document the caller parsed, so the header stays valid and unchanged.
    private static JsonElement? Normalize(JsonElement? training) => training switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } element => element.Clone(),
        { } element => throw new ArgumentException(
            $"the training section must be a JSON object, not {element.ValueKind}", nameof(Training)),
    };
}
