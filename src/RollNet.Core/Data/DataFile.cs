namespace RollNet.Data;

/// <summary>Reads whole data files, reporting every failure as a <see cref="DatasetException"/>.</summary>
internal static class DataFile
{
    public static byte[] ReadAllBytes(string path)
    {
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
