using RollNet.Data;

namespace RollNet.Music;

/// <summary>
/// Compares two sets of rolls feature by feature as mgeval does: the overlapping area of kernel density estimates of
/// the two sets' per-piece values.
/// </summary>
public static class MusicComparison
{
    // Grid points per smallest bandwidth: the trapezoid rule is then exact to far below the figures printed.
    private const double PointsPerBandwidth = 10;

    /// <summary>Each feature of <see cref="MusicFeatures.All"/> compared between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static IReadOnlyList<FeatureComparison> Compare(MusicSetStatistics a, MusicSetStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return
        [
            .. MusicFeatures.All.Select(f =>
            {
                double[] va = a.Values(f), vb = b.Values(f);
                return new FeatureComparison(f, a.Mean(f), b.Mean(f), Overlap(va, vb), va, vb);
            }),
        ];
    }

    /// <summary>The two sets of rolls measured (<see cref="MusicStatistics.Of(IEnumerable{PianoRoll})"/>) and compared.</summary>
    public static IReadOnlyList<FeatureComparison> Compare(IEnumerable<PianoRoll> a, IEnumerable<PianoRoll> b) =>
        Compare(MusicStatistics.Of(a), MusicStatistics.Of(b));

    /// <summary>
    /// The overlapping area ∫ min(p_a, p_b) of Gaussian kernel density estimates of <paramref name="a"/> and
    /// <paramref name="b"/>, over the whole line (not cut at the data's ends, so a set overlaps itself by 1). Each
    /// set's bandwidth is Scott's rule, σ·n^(−1/5) with σ the sample standard deviation (as scipy's gaussian_kde, which
    /// mgeval uses), but at least 1 % of the range of both sets' values together, so that a set whose pieces all agree
    /// still has a density. 1 when every value of both sets is the same; NaN when either set is empty; non-finite
    /// values are ignored.
    /// </summary>
    public static double Overlap(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double[] x = [.. a.Where(double.IsFinite)], y = [.. b.Where(double.IsFinite)];
        if (x.Length == 0 || y.Length == 0)
        {
            return double.NaN;
        }

        double low = Math.Min(x.Min(), y.Min()), high = Math.Max(x.Max(), y.Max()), range = high - low;
        if (range == 0)
        {
            return 1;
        }

        double hx = Math.Max(Scott(x), 0.01 * range), hy = Math.Max(Scott(y), 0.01 * range);
        double reach = 8 * Math.Max(hx, hy), step = Math.Min(hx, hy) / PointsPerBandwidth;
        int points = (int)Math.Ceiling((range + (2 * reach)) / step) + 1;
        double sum = 0;
        for (int i = 0; i < points; i++)
        {
            double t = low - reach + (i * step);
            double m = Math.Min(Density(x, hx, t), Density(y, hy, t));
            sum += (i == 0 || i == points - 1) ? m / 2 : m;
        }

        return Math.Clamp(sum * step, 0, 1);
    }

    private static double Scott(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return Math.Sqrt(variance) * Math.Pow(values.Length, -0.2);
    }

    private static double Density(double[] values, double bandwidth, double t)
    {
        double sum = 0;
        foreach (double v in values)
        {
            double z = (t - v) / bandwidth;
            sum += Math.Exp(-0.5 * z * z);
        }

        return sum / (values.Length * bandwidth * Math.Sqrt(2 * Math.PI));
    }
}
