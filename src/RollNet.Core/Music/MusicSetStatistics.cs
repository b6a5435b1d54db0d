namespace RollNet.Music;

/// <summary>
/// The statistics of a set of rolls: pooled over the whole set, and of each piece on its own. Returned by
/// <see cref="MusicStatistics.Of(IEnumerable{Data.PianoRoll})"/>; a caller reads a feature's mean with
/// <see cref="Mean"/> or compares two with <see cref="MusicComparison"/>.
/// </summary>
/// <param name="Overall">Every frame and note of the set counted together.</param>
/// <param name="Pieces">Each roll's own statistics, in the order the rolls came.</param>
public sealed record MusicSetStatistics(MusicStatistics Overall, IReadOnlyList<MusicStatistics> Pieces)
{
    /// <summary>The pieces' values of <paramref name="feature"/> that are defined (NaN ones left out), in piece order.</summary>
    public double[] Values(MusicFeature feature) =>
        [.. Pieces.Select(p => p.Value(feature)).Where(double.IsFinite)];

    /// <summary>
    /// The mean over pieces of <paramref name="feature"/> (each piece weighing the same, unlike <see cref="Overall"/>,
    /// which weighs each by its length); NaN when no piece has a value.
    /// </summary>
    public double Mean(MusicFeature feature)
    {
        double[] values = Values(feature);
        return values.Length == 0 ? double.NaN : values.Average();
    }
}
