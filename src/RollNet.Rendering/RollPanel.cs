using RollNet.Data;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>
/// One piano-roll panel of a picture: time to the right, the 88 keys upwards (A0 at the bottom), each step and key a
/// cell of whole pixels. Draws the background grid and the key names; callers fill the cells.
/// </summary>
internal sealed class RollPanel
{
    /// <summary>Pixels to the left of a panel for the names of the C keys.</summary>
    public const int LabelWidth = 28;

    /// <summary>White-key rows.</summary>
    public static readonly SKColor Background = new(0xFF, 0xFF, 0xFF);

    // Black-key rows are shaded, as on a keyboard, so that a pitch can be read off a row.
    private static readonly SKColor BlackKeyRow = new(0xF1, 0xF2, 0xF4);
    private static readonly SKColor OctaveLine = new(0xC4, 0xC8, 0xD0);
    private static readonly SKColor BarLine = new(0xDA, 0xDD, 0xE3);
    private static readonly SKColor Border = new(0x9A, 0xA0, 0xAA);
    private static readonly SKColor LabelColour = new(0x50, 0x55, 0x60);

    public RollPanel(int left, int top, int steps, int pixelsPerStep, int pixelsPerKey)
    {
        Left = left;
        Top = top;
        Steps = steps;
        PixelsPerStep = pixelsPerStep;
        PixelsPerKey = pixelsPerKey;
    }

    /// <summary>The panel's left edge: its first step's first pixel column.</summary>
    public int Left { get; }

    /// <summary>The panel's top edge: the highest key's first pixel row.</summary>
    public int Top { get; }

    public int Steps { get; }

    public int PixelsPerStep { get; }

    public int PixelsPerKey { get; }

    public int Width => Steps * PixelsPerStep;

    public int Height => PianoRoll.Keys * PixelsPerKey;

    /// <summary>Pixels per step that make a roll of <paramref name="steps"/> about 1200 pixels wide, from 2 to 12.</summary>
    public static int FitPixelsPerStep(int steps) => Math.Clamp(1200 / Math.Max(steps, 1), 2, 12);

    /// <summary>The top-left pixel of the cell of <paramref name="key"/> at <paramref name="step"/>.</summary>
    public SKPointI Cell(int step, int key) =>
        new(Left + (step * PixelsPerStep), Top + ((PianoRoll.Keys - 1 - key) * PixelsPerKey));

    /// <summary>
    /// The rectangle of a note on <paramref name="key"/> over <paramref name="length"/> steps from
    /// <paramref name="step"/>. It leaves the last pixel row and column of its cells free, so that neighbouring keys
    /// and a key struck again on the next step stay apart (when cells are big enough to spare them).
    /// </summary>
    public SKRect Note(int step, int key, int length)
    {
        SKPointI cell = Cell(step, key);
        int width = (length * PixelsPerStep) - (PixelsPerStep > 2 ? 1 : 0);
        int height = PixelsPerKey - (PixelsPerKey > 2 ? 1 : 0);
        return SKRect.Create(cell.X, cell.Y, width, height);
    }

    /// <summary>Rows, octave lines below every C, bar lines every <paramref name="stepsPerBar"/> steps, and a frame.</summary>
    public void DrawGrid(SKCanvas canvas, int stepsPerBar)
    {
        using var paint = new SKPaint { IsAntialias = false };
        paint.Color = Background;
        canvas.DrawRect(SKRect.Create(Left, Top, Width, Height), paint);
        paint.Color = BlackKeyRow;
        for (int key = 0; key < PianoRoll.Keys; key++)
        {
            if (IsBlack(key))
            {
                SKPointI cell = Cell(0, key);
                canvas.DrawRect(SKRect.Create(Left, cell.Y, Width, PixelsPerKey), paint);
            }
        }

        paint.Color = BarLine;
        for (int step = stepsPerBar; stepsPerBar > 0 && step < Steps; step += stepsPerBar)
        {
            canvas.DrawRect(SKRect.Create(Left + (step * PixelsPerStep) - 1, Top, 1, Height), paint);
        }

        paint.Color = OctaveLine;
        for (int key = 0; key < PianoRoll.Keys; key++)
        {
            if (IsC(key))
            {
                SKPointI cell = Cell(0, key);
                canvas.DrawRect(SKRect.Create(Left, cell.Y + PixelsPerKey - 1, Width, 1), paint);
            }
        }

        paint.Color = Border;
        paint.Style = SKPaintStyle.Stroke;
        canvas.DrawRect(SKRect.Create(Left - 0.5f, Top - 0.5f, Width + 1, Height + 1), paint);
    }

    /// <summary>C1 … C8 to the left of their rows.</summary>
    public void DrawKeyNames(SKCanvas canvas)
    {
        using var font = new SKFont(PictureText.Typeface, 10);
        using var paint = new SKPaint { Color = LabelColour, IsAntialias = true };
        for (int key = 0; key < PianoRoll.Keys; key++)
        {
            if (IsC(key))
            {
                string name = PictureText.NoteName(key + PianoRoll.LowestPitch);
                SKPointI cell = Cell(0, key);
                float baseline = cell.Y + (PixelsPerKey / 2f) + 3.5f;
                canvas.DrawText(name, Left - 4 - font.MeasureText(name), baseline, font, paint);
            }
        }
    }

    private static bool IsC(int key) => (key + PianoRoll.LowestPitch) % 12 == 0;

    private static bool IsBlack(int key) => ((key + PianoRoll.LowestPitch) % 12) is 1 or 3 or 6 or 8 or 10;
}
