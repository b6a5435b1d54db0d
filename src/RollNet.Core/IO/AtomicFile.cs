using System.Security.Cryptography;

namespace RollNet.IO;

/// <summary>Writes a file so that its path holds either the old contents or the whole new file, never a part.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file beside <paramref name="path"/> (same folder, so the rename
    /// cannot cross file systems), flushes it to disk and renames it over <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string temporary = $"{path}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception deleteError) when (deleteError is IOException or UnauthorizedAccessException)
            {
                // The write has already failed; that error, not this one, is the one to report.
            }

            // Its message would name the temporary file rather than the one asked for.
            if (e is DirectoryNotFoundException)
            {
                throw new DirectoryNotFoundException($"{path}: no such folder to write into", e);
            }

            throw;
        }
    }
}
