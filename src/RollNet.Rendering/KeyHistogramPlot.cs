using RollNet.Data;
using RollNet.IO;
using ScottPlot;

namespace RollNet.Rendering;

/// <summary>The paper's Figure 1: how often each of the 88 keys sounds in a set of rolls, as a bar chart.</summary>
public static class KeyHistogramPlot
{
    private const int Width = 1000, Height = 420;

    /// <summary>
    /// Writes the share of all frames of <paramref name="rolls"/> in which each key sounds to <paramref name="path"/> as
    /// a PNG, atomically, under <paramref name="title"/> when one is given.
    /// </summary>
    public static void Write(string path, IEnumerable<PianoRoll> rolls, string? title = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        (long[] counts, long frames) = KeyFrequencies.Of(rolls);
        double[] pitches = [.. Enumerable.Range(PianoRoll.LowestPitch, PianoRoll.Keys).Select(p => (double)p)];
        double[] percent = [.. counts.Select(c => frames == 0 ? 0 : 100.0 * c / frames)];

        using var plot = new Plot();
        var bars = plot.Add.Bars(pitches, percent);
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = 0.8;
            bar.FillColor = Color.FromHex("#1F77B4");
            bar.LineWidth = 0;
        }

        // Ticks at the C's (and the lowest key) read as pitches, as on the paper's figure.
        int[] ticks = [PianoRoll.LowestPitch, .. Enumerable.Range(PianoRoll.LowestPitch, PianoRoll.Keys).Where(p => p % 12 == 0)];
        plot.Axes.Bottom.SetTicks([.. ticks.Select(p => (double)p)], [.. ticks.Select(PictureText.NoteName)]);
        plot.Axes.SetLimitsX(PianoRoll.LowestPitch - 1, PianoRoll.HighestPitch + 1);
        plot.Axes.SetLimitsY(0, Math.Max(percent.Max(), 1) * 1.08);
        plot.XLabel("key");
        plot.YLabel("frames in which the key sounds (%)");
        if (title is not null)
        {
            plot.Title(title);
        }

        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
