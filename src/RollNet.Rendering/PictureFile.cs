using RollNet.IO;
using SkiaSharp;

namespace RollNet.Rendering;

/// <summary>Makes the bitmap a picture is drawn on, and saves it.</summary>
internal static class PictureFile
{
    /// <summary>The widest or highest picture: the PNG encoder refuses a side of more pixels.</summary>
    public const int MaxSide = 1_000_000;

    /// <summary>The most pixels in a picture: 2²⁸, a gibibyte of colour.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>
    /// A blank bitmap of <paramref name="width"/> × <paramref name="height"/> pixels for the picture
    /// <paramref name="path"/> of <paramref name="what"/> (the roll, say). Throws
    /// <see cref="ArgumentOutOfRangeException"/>, naming <paramref name="path"/>, when a side is over
    /// <see cref="MaxSide"/> or the pixels over <see cref="MaxPixels"/>, and <see cref="InsufficientMemoryException"/>
    /// when there is no memory for them.
    /// </summary>
    public static SKBitmap CreateBitmap(string path, long width, long height, string what)
    {
        if (width > MaxSide || height > MaxSide || width * height > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(what),
                $"{path}: {what} would make a picture of {width:N0} × {height:N0} pixels, more than the {MaxSide:N0} a side "
                + $"and {MaxPixels:N0} in all that a picture may have");
        }

        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(new SKImageInfo((int)width, (int)height)))
        {
            bitmap.Dispose();
            throw new InsufficientMemoryException($"{path}: no memory for a picture of {width:N0} × {height:N0} pixels");
        }

        return bitmap;
    }

    /// <summary>Writes <paramref name="bitmap"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void WritePng(string path, SKBitmap bitmap)
    {
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"{path}: the picture of {bitmap.Width:N0} × {bitmap.Height:N0} pixels could not be encoded as a PNG");
        AtomicFile.Write(path, stream => stream.Write(png.AsSpan()));
    }
}
