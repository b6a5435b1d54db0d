using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Model;
using SkiaSharp;
using Xunit;

namespace RollNet.Tests.Rendering;

public sealed class PianoRollImageTests : IDisposable
{
    private const int C4 = 60 - PianoRoll.LowestPitch, D4 = 62 - PianoRoll.LowestPitch, E4 = 64 - PianoRoll.LowestPitch;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void APictureIsAPngWithEachNoteInItsPartsColour()
    {
        // C4 held over the split, E4 in the continuation only.
        PianoRoll roll = PianoRoll.FromPitches([[60], [60], [60, 64], [64], []]);
        var options = new PianoRollImageOptions { SplitStep = 2, PixelsPerStep = 6, PixelsPerKey = 4, StepsPerBar = 4 };
        string path = _directory.File("roll.png");

        PianoRollImage.Write(path, roll, options);

        using SKBitmap picture = SKBitmap.Decode(path);
        Assert.NotNull(picture);
        Assert.Equal(RollPanel.LabelWidth + (5 * 6) + PianoRollImage.Margin, picture.Width);
        Assert.Equal(PianoRollImage.LegendHeight + (88 * 4) + PianoRollImage.Margin, picture.Height);
        RollPanel panel = PianoRollImage.Layout(roll.Steps, options);
        Assert.Equal(PianoRollImage.PrimerColour, Inside(picture, panel, 0, C4));
        Assert.Equal(PianoRollImage.PrimerColour, Inside(picture, panel, 1, C4));
        Assert.Equal(PianoRollImage.ContinuationColour, Inside(picture, panel, 2, C4));
        Assert.Equal(PianoRollImage.ContinuationColour, Inside(picture, panel, 3, E4));
        Assert.Equal(RollPanel.Background, Inside(picture, panel, 0, D4));
        Assert.Equal(RollPanel.Background, Inside(picture, panel, 4, C4));
    }

    [Fact]
    public void WithoutASplitEveryNoteIsThePrimersColourAndThereIsNoLegend()
    {
        PianoRoll roll = PianoRoll.FromPitches([[60], [], [64]]);
        var options = new PianoRollImageOptions { PixelsPerStep = 4 };
        string path = _directory.File("plain.png");

        PianoRollImage.Write(path, roll, options);

        using SKBitmap picture = SKBitmap.Decode(path);
        Assert.Equal(PianoRollImage.Margin + (88 * 4) + PianoRollImage.Margin, picture.Height);
        RollPanel panel = PianoRollImage.Layout(roll.Steps, options);
        Assert.Equal(PianoRollImage.PrimerColour, Inside(picture, panel, 2, E4));
        Assert.Equal(RollPanel.Background, Inside(picture, panel, 1, C4));
    }

    [Fact]
    public void APieceGeneratedFromNothingIsContinuationOnlyAndItsLegendNamesNoPrimer()
    {
        PianoRoll roll = PianoRoll.FromPitches([[60], [64]]);
        var options = new PianoRollImageOptions { SplitStep = 0, PixelsPerStep = 6 };
        string path = _directory.File("unprimed.png");

        PianoRollImage.Write(path, roll, options);

        using SKBitmap picture = SKBitmap.Decode(path);
        RollPanel panel = PianoRollImage.Layout(roll.Steps, options);
        Assert.Equal(PianoRollImage.ContinuationColour, Inside(picture, panel, 0, C4));
        // Above the roll, the legend: the continuation's swatch and not the primer's.
        SKColor[] legend = [.. Enumerable.Range(0, picture.Width).SelectMany(x => Enumerable.Range(0, (int)panel.Top).Select(y => picture.GetPixel(x, y)))];
        Assert.Contains(PianoRollImage.ContinuationColour, legend);
        Assert.DoesNotContain(PianoRollImage.PrimerColour, legend);
    }

    [Fact]
    public void GivenKeysAreThePrimersColourAndDrawnOnesTheContinuations()
    {
        // E4 given throughout as a melody, C4 drawn beneath it, and a note of E4 that was given for one step of two.
        PianoRoll roll = PianoRoll.FromPitches([[60, 64], [60, 64], [64]]);
        PianoRoll given = PianoRoll.FromPitches([[64], [64], []]);
        var options = new PianoRollImageOptions { Given = given, PixelsPerStep = 6 };
        string path = _directory.File("given.png");

        PianoRollImage.Write(path, roll, options);

        using SKBitmap picture = SKBitmap.Decode(path);
        Assert.Equal(PianoRollImage.LegendHeight + (88 * 4) + PianoRollImage.Margin, picture.Height);
        RollPanel panel = PianoRollImage.Layout(roll.Steps, options);
        Assert.Equal(PianoRollImage.PrimerColour, Inside(picture, panel, 0, E4));
        Assert.Equal(PianoRollImage.PrimerColour, Inside(picture, panel, 1, E4));
        Assert.Equal(PianoRollImage.ContinuationColour, Inside(picture, panel, 2, E4));
        Assert.Equal(PianoRollImage.ContinuationColour, Inside(picture, panel, 0, C4));
        Assert.Throws<ArgumentException>(() => PianoRollImage.Write(path, roll, options with { SplitStep = 1 }));
        Assert.Throws<ArgumentException>(() => PianoRollImage.Write(path, roll, options with { Given = new PianoRoll(2) }));
    }

    [Fact]
    public void ASplitPastTheEndIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PianoRollImage.Write(_directory.File("x.png"), new PianoRoll(3), new PianoRollImageOptions { SplitStep = 4 }));

    public void Dispose() => _directory.Dispose();

    /// <summary>The colour of the first pixel inside the cell of <paramref name="key"/> at <paramref name="step"/>.</summary>
    internal static SKColor Inside(SKBitmap picture, RollPanel panel, int step, int key)
    {
        SKPointI cell = panel.Cell(step, key);
        return picture.GetPixel(cell.X + 1, cell.Y + 1);
    }
}
