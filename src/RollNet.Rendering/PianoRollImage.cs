using RollNet.Data;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>
/// A piano roll as a picture: time to the right, the 88 keys upwards, octave lines at the C's (named on the left) and
/// bar lines; a generated roll shows its primer and its continuation in two colours, a conditioned one what it was
/// given and what it drew.
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

        if (options.Given is { } given && (given.Steps != roll.Steps || options.SplitStep is not null))
        {
            throw new ArgumentException(options.SplitStep is null
                ? $"the given keys' {given.Steps} steps are not the roll's {roll.Steps}"
                : "give the split step or the given keys, not both", nameof(options));
        }

        RollPanel panel = Layout(roll.Steps, options);
        // In longs, for the check to see sizes whose pixels an int cannot count.
        using SKBitmap bitmap = PictureFile.CreateBitmap(path, panel.Left + ((long)roll.Steps * panel.PixelsPerStep) + Margin,
            panel.Top + ((long)PianoRoll.Keys * panel.PixelsPerKey) + Margin,
            $"a roll of {roll.Steps:N0} steps at {panel.PixelsPerStep} pixels a step");
        using (var canvas = new SKCanvas(bitmap))
        {
            Draw(canvas, panel, roll, options);
        }

        PictureFile.WritePng(path, bitmap);
    }

    /// <summary>Draws the picture of <paramref name="roll"/> laid out as <paramref name="panel"/>.</summary>
    internal static void Draw(SKCanvas canvas, RollPanel panel, PianoRoll roll, PianoRollImageOptions options)
    {
        canvas.Clear(SKColors.White);
        panel.DrawGrid(canvas, options.StepsPerBar);
        panel.DrawKeyNames(canvas);
        if (options.SplitStep is 0)
        {
            // A piece generated from nothing is continuation only: no split to mark, no primer to name.
            DrawLegend(canvas, panel, (null, "continuation"));
        }
        else if (options.SplitStep is { } split)
        {
            DrawSplitLine(canvas, panel, split);
            DrawLegend(canvas, panel, ("primer", "continuation"));
        }
        else if (options.Given is not null)
        {
            DrawLegend(canvas, panel, ("given", "drawn"));
        }

        int end = options.SplitStep ?? roll.Steps;
        PianoRoll? givenKeys = options.Given;
        DrawNotes(canvas, panel, roll, (step, key) => givenKeys?[step, key] ?? step < end);
    }

    /// <summary>Where the roll's panel lies in the picture; the picture ends <see cref="Margin"/> past it.</summary>
    internal static RollPanel Layout(int steps, PianoRollImageOptions options)
    {
        int pixelsPerStep = options.PixelsPerStep ?? RollPanel.FitPixelsPerStep(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerStep, 1, nameof(options.PixelsPerStep));
        int top = options.SplitStep is null && options.Given is null ? Margin : LegendHeight;
        return new RollPanel(RollPanel.LabelWidth, top, steps, pixelsPerStep, options.PixelsPerKey);
    }

    // A note is drawn in pieces, each step in the colour of whether it was given (the primer's steps are).
    private static void DrawNotes(SKCanvas canvas, RollPanel panel, PianoRoll roll, Func<int, int, bool> isGiven)
    {
        using var given = new SKPaint { Color = PrimerColour, IsAntialias = false };
        using var drawn = new SKPaint { Color = ContinuationColour, IsAntialias = false };
        foreach (RollNote note in roll.Notes())
        {
            for (int start = note.Start; start < note.End;)
            {
                bool part = isGiven(start, note.Key);
                int end = start + 1;
                while (end < note.End && isGiven(end, note.Key) == part)
                {
                    end++;
                }

                canvas.DrawRect(panel.Note(start, note.Key, end - start), part ? given : drawn);
                start = end;
            }
        }
    }

    private static void DrawSplitLine(SKCanvas canvas, RollPanel panel, int split)
    {
        using var paint = new SKPaint { Color = SplitLine, IsAntialias = false };
        canvas.DrawRect(SKRect.Create(panel.Left + (split * panel.PixelsPerStep) - 1, panel.Top, 1, panel.Height), paint);
    }

    // The labels of the two colours; a null one is left out.
    private static void DrawLegend(SKCanvas canvas, RollPanel panel, (string? Given, string Drawn) labels)
    {
        using var paint = new SKPaint { IsAntialias = false };
        using var font = new SKFont(PictureText.Typeface, 11);
        using var text = new SKPaint { Color = SplitLine, IsAntialias = true };
        float x = panel.Left, baseline = panel.Top - 7;
        foreach ((string? label, SKColor colour) in new[] { (labels.Given, PrimerColour), (labels.Drawn, ContinuationColour) })
        {
            if (label is null)
            {
                continue;
            }

            paint.Color = colour;
            canvas.DrawRect(SKRect.Create(x, baseline - 8, 10, 8), paint);
            canvas.DrawText(label, x + 14, baseline, font, text);
            x += 14 + font.MeasureText(label) + 14;
        }
    }
}
