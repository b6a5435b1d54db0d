using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>Text in the pictures: ScottPlot's font, so that plots and rolls match, and the names of the keys.</summary>
internal static class PictureText
{
    private static readonly string[] Names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>The typeface ScottPlot resolves for its default font (it finds one even without fontconfig).</summary>
    public static SKTypeface Typeface { get; } = ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: false, italic: false);

    /// <summary>The scientific name of a MIDI pitch: 60 is C4, 69 is A4, 21 is A0.</summary>
    public static string NoteName(int pitch) => $"{Names[pitch % 12]}{(pitch / 12) - 1}";
}
