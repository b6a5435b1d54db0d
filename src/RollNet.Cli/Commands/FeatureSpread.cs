using RollNet.Music;

namespace RollNet.Cli.Commands;

/// <summary>
/// How one feature spreads over the pieces of a reference set: the mean over pieces, and the 10th and 90th
/// percentiles, between which the middle 80 % of the pieces lie.
/// </summary>
internal readonly record struct FeatureSpread(MusicFeature Feature, double Mean, double Low, double High)
{
    /// <summary>The spread of <paramref name="feature"/> over the pieces of <paramref name="set"/> that define it.</summary>
    public static FeatureSpread Of(MusicSetStatistics set, MusicFeature feature)
    {
        double[] values = set.Values(feature);
        Array.Sort(values);
        return new FeatureSpread(feature, set.Mean(feature), Percentile(values, 0.1), Percentile(values, 0.9));
    }

    // Linear interpolation between the closest ranks, as numpy's default percentile.
    private static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double rank = q * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
