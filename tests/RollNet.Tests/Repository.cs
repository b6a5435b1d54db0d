namespace RollNet.Tests;

/// <summary>The checkout the tests were built from: the folder above the test assembly that holds RollNet.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a file or folder given relative to the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RollNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no RollNet.sln above {AppContext.BaseDirectory}");
    }
}
