using RollNet.Music;
using ScottPlot;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>
/// The distributions of the scalar music features over the pieces of one set, or of two sets side by side: one
/// panel per feature, a histogram of the pieces' values (as shares of each set's pieces) on bins both sets share.
/// </summary>
public static class StatisticsFigure
{
    private const int PanelWidth = 420, PanelHeight = 280, Columns = 3, Bins = 12;

    private static readonly Color ColourA = Color.FromHex("#1F77B4"), ColourB = Color.FromHex("#FF7F0E");

    /// <summary>
    /// Writes the figure of <paramref name="a"/> (named <paramref name="nameA"/> in the legend), and of
    /// <paramref name="b"/> beside it when given, to <paramref name="path"/> as a PNG, atomically. With two sets each
    /// panel's title carries the feature's overlap (<see cref="MusicComparison.Overlap"/>).
    /// </summary>
    public static void Write(string path, MusicSetStatistics a, string nameA, MusicSetStatistics? b = null, string? nameB = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(nameA);
        IReadOnlyList<MusicFeature> features = MusicFeatures.All;
        int rows = (features.Count + Columns - 1) / Columns;
        using var bitmap = new SKBitmap(Columns * PanelWidth, rows * PanelHeight);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            for (int i = 0; i < features.Count; i++)
            {
                byte[] panel = Panel(features[i], a.Values(features[i]), nameA, b?.Values(features[i]), nameB ?? "B");
                using SKBitmap image = SKBitmap.Decode(panel);
                canvas.DrawBitmap(image, i % Columns * PanelWidth, i / Columns * PanelHeight);
            }
        }

        PictureFile.WritePng(path, bitmap);
    }

    private static byte[] Panel(MusicFeature feature, double[] a, string nameA, double[]? b, string nameB)
    {
        using var plot = new Plot();
        double[] all = [.. a, .. b ?? []];
        string title = MusicFeatures.Description(feature);
        if (all.Length > 0)
        {
            double low = all.Min(), high = all.Max();
            double width = high > low ? (high - low) / Bins : 1;
            int bins = high > low ? Bins : 1;
            double barWidth = width * (b is null ? 0.8 : 0.4);
            Histogram(plot, a, low, width, bins, b is null ? 0 : -barWidth / 2, barWidth, ColourA, nameA);
            if (b is not null)
            {
                Histogram(plot, b, low, width, bins, barWidth / 2, barWidth, ColourB, nameB);
                double overlap = MusicComparison.Overlap(a, b);
                title += double.IsNaN(overlap) ? "" : FormattableString.Invariant($", overlap {overlap:F2}");
            }

            // Head room above the tallest bar keeps the legend clear of the bars.
            double tallest = Math.Max(Tallest(a, low, width, bins), b is null ? 0 : Tallest(b, low, width, bins));
            plot.Axes.SetLimits(low - width, low + ((bins + 1) * width), 0, tallest * 1.45);
            plot.Legend.FontSize = 11;
            plot.ShowLegend(Alignment.UpperRight);
        }

        plot.Title(title, size: 13);
        plot.YLabel("share of pieces", size: 12);
        return plot.GetImageBytes(PanelWidth, PanelHeight, ImageFormat.Png);
    }

    private static void Histogram(Plot plot, double[] values, double low, double width, int bins, double offset,
        double barWidth, Color colour, string name)
    {
        double[] shares = Shares(values, low, width, bins);
        double[] centres = [.. Enumerable.Range(0, bins).Select(i => low + ((i + 0.5) * width) + offset)];
        var bars = plot.Add.Bars(centres, shares);
        bars.LegendText = name;
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = barWidth;
            bar.FillColor = colour;
            bar.LineWidth = 0;
        }
    }

    private static double Tallest(double[] values, double low, double width, int bins) =>
        Math.Max(Shares(values, low, width, bins).DefaultIfEmpty(0).Max(), 0.01);

    /// <summary>The share of <paramref name="values"/> in each bin; the highest value falls in the last bin.</summary>
    private static double[] Shares(double[] values, double low, double width, int bins)
    {
        var counts = new double[bins];
        foreach (double v in values)
        {
            counts[Math.Clamp((int)((v - low) / width), 0, bins - 1)]++;
        }

        return [.. counts.Select(c => values.Length == 0 ? 0 : c / values.Length)];
    }
}
