using RollNet.Data;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>
/// A piano roll as a picture: time to the right, the 88 keys upwards, octave lines at the C's (named on the left) and
/// bar lines; a generated roll shows its primer and its continuation in two colours.
/// </summary>
public static class PianoRollImage
{
    /// <summary>Notes of the primer, or of a whole roll without a split: blue.</summary>
    public static readonly SKColor PrimerColour = new(0x1F, 0x77, 0xB4);

    /// <summary>Notes of the continuation: orange.</summary>
    public static readonly SKColor ContinuationColour = new(0xFF, 0x7F, 0x0E);

    internal const int Margin = 8, LegendHeight = 22;

    private static readonly SKColor SplitLine = new(0x6B, 0x72, 0x80);

    /// <summary>Writes <paramref name="roll"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void Write(string path, PianoRoll roll, PianoRollImageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(roll);
        options ??= new PianoRollImageOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.StepsPerBar);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PixelsPerKey, 1);
        if (options.SplitStep is < 0 || options.SplitStep > roll.Steps)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SplitStep,
                $"the split step must be within the roll's {roll.Steps} steps");
        }

        RollPanel panel = Layout(roll.Steps, options);
        using var bitmap = new SKBitmap(panel.Left + panel.Width + Margin, panel.Top + panel.Height + Margin);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            panel.DrawGrid(canvas, options.StepsPerBar);
            panel.DrawKeyNames(canvas);
            if (options.SplitStep is { } split)
            {
                DrawSplit(canvas, panel, split);
            }

            DrawNotes(canvas, panel, roll, options.SplitStep ?? roll.Steps);
        }

        PictureFile.WritePng(path, bitmap);
    }

    /// <summary>Where the roll's panel lies in the picture; the picture ends <see cref="Margin"/> past it.</summary>
    internal static RollPanel Layout(int steps, PianoRollImageOptions options)
    {
        int pixelsPerStep = options.PixelsPerStep ?? RollPanel.FitPixelsPerStep(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerStep, 1, nameof(options.PixelsPerStep));
        int top = options.SplitStep is null ? Margin : LegendHeight;
        return new RollPanel(RollPanel.LabelWidth, top, steps, pixelsPerStep, options.PixelsPerKey);
    }

    // A note held across the split is drawn in two pieces, each in its part's colour.
    private static void DrawNotes(SKCanvas canvas, RollPanel panel, PianoRoll roll, int split)
    {
        using var primer = new SKPaint { Color = PrimerColour, IsAntialias = false };
        using var continuation = new SKPaint { Color = ContinuationColour, IsAntialias = false };
        foreach (RollNote note in roll.Notes())
        {
            if (note.Start < split && note.End > split)
            {
                canvas.DrawRect(panel.Note(note.Start, note.Key, split - note.Start), primer);
                canvas.DrawRect(panel.Note(split, note.Key, note.End - split), continuation);
            }
            else
            {
                canvas.DrawRect(panel.Note(note.Start, note.Key, note.Steps), note.Start < split ? primer : continuation);
            }
        }
    }

    private static void DrawSplit(SKCanvas canvas, RollPanel panel, int split)
    {
        using var paint = new SKPaint { Color = SplitLine, IsAntialias = false };
        canvas.DrawRect(SKRect.Create(panel.Left + (split * panel.PixelsPerStep) - 1, panel.Top, 1, panel.Height), paint);

        using var font = new SKFont(PictureText.Typeface, 11);
        using var text = new SKPaint { Color = SplitLine, IsAntialias = true };
        float x = panel.Left, baseline = panel.Top - 7;
        foreach ((string label, SKColor colour) in new[] { ("primer", PrimerColour), ("continuation", ContinuationColour) })
        {
            paint.Color = colour;
            canvas.DrawRect(SKRect.Create(x, baseline - 8, 10, 8), paint);
            canvas.DrawText(label, x + 14, baseline, font, text);
            x += 14 + font.MeasureText(label) + 14;
        }
    }
}
