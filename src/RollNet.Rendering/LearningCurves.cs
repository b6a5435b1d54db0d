using RollNet.IO;
using RollNet.Training;
using ScottPlot;

namespace RollNet.Rendering;

/// <summary>Draws a run's learning curves: training and validation loss, and the validation accuracies on a second axis.</summary>
public static class LearningCurves
{
    /// <summary>The name of the curves' PNG in a <see cref="TrainingRun"/>'s output folder.</summary>
    public const string FileName = "curves.png";

    private const int Width = 900, Height = 540;

    /// <summary>Writes the curves of <paramref name="history"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void Write(string path, IReadOnlyList<EpochRecord> history)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(history);
        using var plot = new Plot();
        double[] epochs = [.. history.Select(r => (double)r.Epoch)];
        Line(plot, epochs, [.. history.Select(r => r.TrainLoss)], "train loss", plot.Axes.Left);
        Line(plot, epochs, [.. history.Select(r => r.ValidLoss)], "valid loss", plot.Axes.Left);
        Line(plot, epochs, [.. history.Select(r => r.ValidStrictAccuracy)], "valid strict accuracy", plot.Axes.Right);
        Line(plot, epochs, [.. history.Select(r => r.ValidBayAccuracy)], "valid Bay accuracy", plot.Axes.Right);
        // Epochs are whole numbers: no tick at epoch 1.5.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("epoch");
        plot.YLabel("NLL per frame (nats)");
        plot.Axes.Right.Label.Text = "accuracy";
        // Accuracies are shares: a fixed 0 to 1 (with a margin, so that a curve at 0 or 1 is not drawn on the frame)
        // keeps a flat curve from being stretched into a band of noise or placed off the chart.
        plot.Axes.SetLimitsY(-0.02, 1.02, plot.Axes.Right);
        // Below the chart, the legend hides no curve.
        plot.ShowLegend(Edge.Bottom);
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, IYAxis axis)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.Axes.YAxis = axis;
    }
}
