namespace RollNet.IO;

/// <summary>Checks that a path names a file that can be read whole, before it is opened.</summary>
internal static class InputFile
{
    /// <summary>
    /// Why <paramref name="path"/> cannot be read as a file of <paramref name="what"/>, or null (also when it does not
    /// exist, which opening it reports). A folder is refused, and so is a file the file system gives no length: an
    /// empty file, or a device (/dev/zero), a pipe or a socket, whose reading may never end or never begin. .NET
    /// cannot tell these apart without opening them, and opening a pipe waits for a writer.
    /// </summary>
    public static string? Problem(string path, string what)
    {
        if (Directory.Exists(path))
        {
            return $"a folder, not {what}";
        }

        var file = new FileInfo(path);
        return file.Exists && file.Length == 0
            ? $"the file is empty or not a regular file (a device, a pipe or a socket), not {what}"
            : null;
    }
}
