namespace RollNet.Music;

/// <summary>
/// How two sets of rolls compare on one scalar feature. <see cref="MusicComparison"/> returns one per feature, so a
/// caller can see where generated music differs from the data.
/// </summary>
/// <param name="Feature">The feature.</param>
/// <param name="MeanA">The mean over the first set's pieces (<see cref="MusicSetStatistics.Mean"/>).</param>
/// <param name="MeanB">The mean over the second set's pieces.</param>
/// <param name="Overlap">
/// The overlapping area of the two sets' per-piece distributions (<see cref="MusicComparison.Overlap"/>): 1 for the
/// same distribution, near 0 for disjoint ones; NaN when either set has no piece with a value.
/// </param>
/// <param name="ValuesA">The first set's per-piece values (undefined ones left out).</param>
/// <param name="ValuesB">The second set's per-piece values.</param>
public sealed record FeatureComparison(
    MusicFeature Feature, double MeanA, double MeanB, double Overlap, IReadOnlyList<double> ValuesA, IReadOnlyList<double> ValuesB);
