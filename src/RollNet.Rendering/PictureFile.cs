using RollNet.IO;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>Saves a drawn bitmap.</summary>
internal static class PictureFile
{
    /// <summary>Writes <paramref name="bitmap"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void WritePng(string path, SKBitmap bitmap)
    {
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => stream.Write(png.AsSpan()));
    }
}
