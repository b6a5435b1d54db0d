using System.Globalization;
using RollNet.Data;
using RollNet.Music;

namespace RollNet.Cli.Commands;

/// <summary>What a generated piece is like beside the music its model learnt: a few lines a musician can read.</summary>
internal static class PieceSummary
{
    private const string Row = "  {0,-36}{1,12}{2,12}   {3,-18}{4}";

    /// <summary>
    /// Writes <paramref name="piece"/>'s length and key, then its <see cref="MusicReference.Shown"/> features beside
    /// <paramref name="reference"/>'s mean and middle 80 %, each marked as within, below or above that range.
    /// </summary>
    public static void Write(TextWriter stdout, PianoRoll piece, MusicReference reference)
    {
        MusicStatistics stats = MusicStatistics.Of(piece);
        stdout.WriteLine($"the music it wrote: {Counted.Steps(piece.Steps)} in {stats.Key?.Name ?? "no key"}; "
            + $"beside {reference.Source} ({Counted.Pieces(reference.Pieces)}):");
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "", "this piece", "their mean", "middle 80 % of them", ""));
        foreach (FeatureSpread spread in reference.Features)
        {
            MusicFeature feature = spread.Feature;
            double value = stats.Value(feature);
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, Label(feature), Number(feature, value),
                Number(feature, spread.Mean), $"{Number(feature, spread.Low)} to {Number(feature, spread.High)}", Place(value, spread)));
        }
    }

    // Shares read best as percentages, which say so themselves.
    private static bool IsShare(MusicFeature feature) => feature is MusicFeature.Chords or MusicFeature.Clashes or MusicFeature.InKey
        or MusicFeature.EmptyFrames or MusicFeature.PitchClassClashes;

    private static string Label(MusicFeature feature) =>
        MusicFeatures.Description(feature).Replace(" (share)", "", StringComparison.Ordinal);

    private static string Number(MusicFeature feature, double value) =>
        double.IsNaN(value) ? "-"
        : IsShare(feature) ? (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + " %"
        : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Place(double value, FeatureSpread spread) =>
        double.IsNaN(value) || double.IsNaN(spread.Low) ? ""
        : value < spread.Low ? "below"
        : value > spread.High ? "above"
        : "within";
}
