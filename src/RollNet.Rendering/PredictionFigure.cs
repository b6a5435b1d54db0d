using RollNet.Data;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>
/// The paper's Figure 5: for one sequence, the network's probability of each key in the next frame (a grey scale,
/// white 0 to black 1) above the frames that actually came.
/// </summary>
public static class PredictionFigure
{
    /// <summary>Actual notes.</summary>
    public static readonly SKColor NoteColour = new(0x1A, 0x1A, 0x1A);

    internal const int Margin = 8, TitleHeight = 20, ScaleWidth = 40;

    private static readonly SKColor TitleColour = new(0x30, 0x34, 0x3C);

    /// <summary>
    /// Writes the figure for <paramref name="actual"/> (T steps) to <paramref name="path"/> as a PNG, atomically.
    /// <paramref name="probabilities"/> is T×88 as <see cref="Inference.Evaluation.Predict"/> gives it: row t is the
    /// prediction for frame t + 1 made after frames 0..t, so it is drawn in column t + 1, over the frame it predicts;
    /// the first column has no prediction and the last row predicts past the end.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<float> probabilities, PianoRoll actual, int stepsPerBar = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsPerBar);
        if (probabilities.Length != actual.Steps * PianoRoll.Keys)
        {
            throw new ArgumentException(
                $"{probabilities.Length} probabilities do not make {actual.Steps} frames of {PianoRoll.Keys} keys", nameof(probabilities));
        }

        (RollPanel predicted, RollPanel truth, int width, int height) = Layout(actual.Steps);
        using SKBitmap bitmap = PictureFile.CreateBitmap(path, width, height, $"a sequence of {actual.Steps:N0} steps");
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            Panel(canvas, predicted, stepsPerBar, "predicted probability of each key in the next frame");
            Panel(canvas, truth, stepsPerBar, "actual frames");
            DrawProbabilities(canvas, predicted, probabilities);
            DrawNotes(canvas, truth, actual);
            DrawScale(canvas, predicted);
        }

        PictureFile.WritePng(path, bitmap);
    }

    /// <summary>The grey of probability <paramref name="p"/>: white at 0, black at 1.</summary>
    internal static SKColor Shade(float p)
    {
        byte level = (byte)Math.Round(255 * (1 - Math.Clamp(p, 0f, 1f)));
        return new SKColor(level, level, level);
    }

    /// <summary>The two panels, predictions above the actual frames, and the size of the whole picture.</summary>
    internal static (RollPanel Predicted, RollPanel Actual, int Width, int Height) Layout(int steps)
    {
        int pixelsPerStep = RollPanel.FitPixelsPerStep(steps);
        var predicted = new RollPanel(RollPanel.LabelWidth, TitleHeight, steps, pixelsPerStep, 4);
        var actual = new RollPanel(RollPanel.LabelWidth, predicted.Top + predicted.Height + Margin + TitleHeight, steps,
            pixelsPerStep, 4);
        return (predicted, actual, actual.Left + actual.Width + ScaleWidth, actual.Top + actual.Height + Margin);
    }

    private static void Panel(SKCanvas canvas, RollPanel panel, int stepsPerBar, string title)
    {
        panel.DrawGrid(canvas, stepsPerBar);
        panel.DrawKeyNames(canvas);
        using var font = new SKFont(PictureText.Typeface, 12);
        using var paint = new SKPaint { Color = TitleColour, IsAntialias = true };
        canvas.DrawText(title, panel.Left, panel.Top - 6, font, paint);
    }

    // Whole cells, so that the shades join into a picture; near-zero ones are left out so the grid shows through.
    private static void DrawProbabilities(SKCanvas canvas, RollPanel panel, ReadOnlySpan<float> probabilities)
    {
        using var paint = new SKPaint { IsAntialias = false };
        for (int t = 0; t + 1 < panel.Steps; t++)
        {
            for (int key = 0; key < PianoRoll.Keys; key++)
            {
                float p = probabilities[(t * PianoRoll.Keys) + key];
                if (p >= 0.01f)
                {
                    paint.Color = Shade(p);
                    SKPointI cell = panel.Cell(t + 1, key);
                    canvas.DrawRect(SKRect.Create(cell.X, cell.Y, panel.PixelsPerStep, panel.PixelsPerKey), paint);
                }
            }
        }
    }

    private static void DrawNotes(SKCanvas canvas, RollPanel panel, PianoRoll roll)
    {
        using var paint = new SKPaint { Color = NoteColour, IsAntialias = false };
        for (int t = 0; t < roll.Steps; t++)
        {
            for (int key = 0; key < PianoRoll.Keys; key++)
            {
                if (roll[t, key])
                {
                    SKPointI cell = panel.Cell(t, key);
                    canvas.DrawRect(SKRect.Create(cell.X, cell.Y, panel.PixelsPerStep, panel.PixelsPerKey), paint);
                }
            }
        }
    }

    // A vertical ramp right of the predictions, labelled 1 at the top and 0 at the bottom.
    private static void DrawScale(SKCanvas canvas, RollPanel panel)
    {
        int left = panel.Left + panel.Width + 10, width = 8, top = panel.Top, height = panel.Height;
        using var paint = new SKPaint { IsAntialias = false };
        for (int y = 0; y < height; y++)
        {
            paint.Color = Shade(1 - ((float)y / (height - 1)));
            canvas.DrawRect(SKRect.Create(left, top + y, width, 1), paint);
        }

        paint.Color = TitleColour;
        paint.Style = SKPaintStyle.Stroke;
        canvas.DrawRect(SKRect.Create(left - 0.5f, top - 0.5f, width + 1, height + 1), paint);
        using var font = new SKFont(PictureText.Typeface, 10);
        using var text = new SKPaint { Color = TitleColour, IsAntialias = true };
        canvas.DrawText("1", left + width + 4, top + 8, font, text);
        canvas.DrawText("0", left + width + 4, top + height, font, text);
    }
}
