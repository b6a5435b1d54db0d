using System.Text.Json;

namespace RollNet.Model;

/// <summary>
/// The JSON header of a checkpoint file as it is written; docs/FORMAT.md describes each field. The training section
/// stays raw JSON here: its owner, RollNet.Training, reads and writes it.
/// </summary>
internal sealed record CheckpointFileHeader(
    CheckpointHeaderConfig Config,
    IReadOnlyList<CheckpointHeaderTensor> Tensors,
    JsonElement? Training = null);
