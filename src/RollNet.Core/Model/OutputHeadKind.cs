using System.Text.Json.Serialization;

namespace RollNet.Model;

/// <summary>How a model turns its top LSTM state into the probability of the next frame.</summary>
[JsonConverter(typeof(OutputHeadKindJsonConverter))]
public enum OutputHeadKind
{
    /// <summary>The paper's: one sigmoid unit per key, each key drawn independently of the others.</summary>
    [JsonStringEnumMemberName("sigmoid")]
    Sigmoid,

    /// <summary>
    /// A NADE over the keys from low to high (RNN-NADE, Boulanger-Lewandowski et al. 2012): each key's probability
    /// depends on the keys below it in the same frame, so the model learns which notes sound together.
    /// </summary>
    [JsonStringEnumMemberName("nade")]
    Nade,
}
