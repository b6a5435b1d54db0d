using System.Text.Json.Serialization;

namespace RollNet.Training;

/// <summary>
/// Which model a <see cref="TrainingRun"/> keeps in <see cref="TrainingRun.BestFileName"/>. A caller chooses it as
/// <see cref="TrainingRunOptions.Keep"/>.
/// </summary>
[JsonConverter(typeof(KeptModelJsonConverter))]
public enum KeptModel
{
    /// <summary>The epoch with the lowest validation loss so far.</summary>
    [JsonStringEnumMemberName("valid")]
    LowestValidationLoss,

    /// <summary>
    /// The last epoch trained: for data whose validation split says little about the model wanted, such as music a
    /// model drew itself to be trained further on.
    /// </summary>
    [JsonStringEnumMemberName("last")]
    LastEpoch,
}
