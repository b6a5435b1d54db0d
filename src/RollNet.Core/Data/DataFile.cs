using RollNet.IO;

namespace RollNet.Data;

/// <summary>Reads whole data files, reporting every failure as a <see cref="DatasetException"/>.</summary>
internal static class DataFile
{
    /// <summary>
    /// The bytes of <paramref name="path"/>, which must be a file of <paramref name="what"/> (named so in the problem
    /// when it is a folder, a device or a pipe instead).
    /// </summary>
    public static byte[] ReadAllBytes(string path, string what)
    {
        if (InputFile.Problem(path, what) is { } problem)
        {
            throw new DatasetException(path, problem);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException(path, "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException(path, e.Message, e);
        }
    }
}
