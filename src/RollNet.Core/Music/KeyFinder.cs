namespace RollNet.Music;

/// <summary>
/// The Krumhansl–Kessler key-finding method: the best of the 24 major and minor keys is the one whose rotated
/// probe-tone profile correlates best with a pitch-class histogram.
/// </summary>
internal static class KeyFinder
{
    // Krumhansl & Kessler (1982), the ratings of each pitch class in a C major and a C minor context.
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>
    /// The key whose profile has the highest Pearson correlation with <paramref name="histogram"/> (12 weights,
    /// C first, any scale). Ties go to the first in the order C major, C minor, Db major, C# minor, …; null when the
    /// histogram is flat (all twelve weights equal, silence included), where no key fits better than another.
    /// </summary>
    public static MusicKey? Find(IReadOnlyList<double> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count != 12)
        {
            throw new ArgumentException($"a pitch-class histogram has 12 bins, not {histogram.Count}", nameof(histogram));
        }

        MusicKey? best = null;
        for (int tonic = 0; tonic < 12; tonic++)
        {
            foreach (bool minor in (ReadOnlySpan<bool>)[false, true])
            {
                double r = Correlation(histogram, minor ? MinorProfile : MajorProfile, tonic);
                if (!double.IsNaN(r) && (best is null || r > best.Value.Correlation))
                {
                    best = new MusicKey(tonic, minor, r);
                }
            }
        }

        return best;
    }

    /// <summary>Pearson correlation of the histogram with the profile moved up to <paramref name="tonic"/>; NaN when the histogram is flat.</summary>
    private static double Correlation(IReadOnlyList<double> histogram, double[] profile, int tonic)
    {
        double meanH = 0, meanP = 0;
        for (int pc = 0; pc < 12; pc++)
        {
            meanH += histogram[pc];
            meanP += profile[pc];
        }

        meanH /= 12;
        meanP /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (int pc = 0; pc < 12; pc++)
        {
            double x = histogram[pc] - meanH, y = profile[(pc - tonic + 12) % 12] - meanP;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
