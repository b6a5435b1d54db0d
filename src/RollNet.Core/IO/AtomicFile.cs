using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace RollNet.IO;

/// <summary>Writes a file so that its path holds either the old contents or the whole new file, never a part.</summary>
internal static partial class AtomicFile
{
    private const string TemporarySuffix = ".tmp-";

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file beside <paramref name="path"/> (same folder, so the rename
    /// cannot cross file systems), flushes it to disk and renames it over <paramref name="path"/>.
    /// </summary>
    /// <exception cref="IOException">The file could not be written (a full disk, say); the message names
    /// <paramref name="path"/>, not the temporary file.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written; the message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            // The rename would fail only after the whole file was written, in .NET's words ("Is a directory : …").
            throw new IOException($"{path}: a folder, not a file to write");
        }

        string temporary = $"{path}{TemporarySuffix}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
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

            // Their messages would name the temporary file rather than the one asked for.
            switch (e)
            {
                case DirectoryNotFoundException:
                    throw new DirectoryNotFoundException($"{path}: no such folder to write into", e);
                case UnauthorizedAccessException:
                    throw new UnauthorizedAccessException($"{path}: {e.Message.Replace(temporary, path, StringComparison.Ordinal)}", e);
                case IOException when e.Message.Contains(temporary, StringComparison.Ordinal):
                    throw new IOException($"{path}: {e.Message.Replace(temporary, path, StringComparison.Ordinal)}", e);
                default:
                    throw;
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files that interrupted writes of <paramref name="path"/> left beside it (a process killed
    /// between creating one and renaming it), and returns how many there were.
    /// </summary>
    public static int RemoveLeftovers(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!, name = Path.GetFileName(path);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        int removed = 0;
        foreach (string leftover in Directory.EnumerateFiles(folder, $"{name}{TemporarySuffix}*"))
        {
            if (LeftoverName().IsMatch(Path.GetFileName(leftover)[name.Length..]))
            {
                File.Delete(leftover);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex("^\\.tmp-[0-9a-f]{16}$")]
    private static partial Regex LeftoverName();
}
