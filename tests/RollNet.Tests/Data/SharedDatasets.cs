using Xunit;

namespace RollNet.Tests.Data;

/// <summary>
/// Finds the shared dataset files, which are never copied into the repository: in <c>$ROLLNET_SHARED/datasets</c>
/// when that variable is set, otherwise in <c>../shared/datasets</c> beside the repository root.
/// </summary>
internal static class SharedDatasets
{
    public const string Variable = "ROLLNET_SHARED";

    public static string Folder
    {
        get
        {
            string? shared = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrEmpty(shared)
                ? Path.GetFullPath(Repository.Path("..", "shared", "datasets"))
                : Path.GetFullPath(Path.Combine(shared, "datasets"));
        }
    }

    /// <summary>The full path of <paramref name="name"/>; fails the test, saying where it looked, when it is absent.</summary>
    public static string File(string name)
    {
        string path = Path.Combine(Folder, name);
        if (!System.IO.File.Exists(path))
        {
            Assert.Fail($"dataset file {name} not found at {path}; set {Variable} to the folder that contains datasets/");
        }

        return path;
    }
}
