using System.Text.Json.Serialization;

namespace RollNet.Heads;

/// <summary>
/// The order in which a NADE head decides the keys of a frame, each given the keys decided before it. A caller
/// chooses it as <see cref="NadeHeadOptions.Order"/>.
/// </summary>
[JsonConverter(typeof(KeyOrderJsonConverter))]
public enum KeyOrder
{
    /// <summary>From the lowest key to the highest: the bass first, the top voice last.</summary>
    [JsonStringEnumMemberName("ascending")]
    Ascending,

    /// <summary>
    /// From the highest key to the lowest: the top voice first, so that the voices beneath a held melody are drawn
    /// given it exactly.
    /// </summary>
    [JsonStringEnumMemberName("descending")]
    Descending,

    /// <summary>
    /// From both ends inwards: the highest key, the lowest, the second highest, the second lowest, and so on, so that
    /// the outer voices of a frame are decided before the inner ones.
    /// </summary>
    [JsonStringEnumMemberName("outside-in")]
    OutsideIn,
}
