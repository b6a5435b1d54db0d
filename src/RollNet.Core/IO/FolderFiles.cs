namespace RollNet.IO;

/// <summary>The files of a folder and all its subfolders, as a set of pieces is read from one.</summary>
internal static class FolderFiles
{
    // More links in a row than any file system resolves (Linux gives up after 40).
    private const int MostLinks = 40;

    /// <summary>
    /// Every file under <paramref name="folder"/>, in all its subfolders, in ordinal order of the paths as reached.
    /// A link to a folder is followed, but each folder is read once however many routes lead to it, by the first of
    /// them in ordinal order: a link to a folder above it made the walk go round until its paths grew too long,
    /// reading each piece dozens of times (into every split of a dataset), and two links to one folder read its pieces
    /// twice.
    /// </summary>
    public static string[] Under(string folder)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out string? current))
        {
            if (!visited.Add(Canonical(current, 0)))
            {
                continue;
            }

            // Subfolders in ordinal order, the first on top: of two routes to one folder, the first in that order is the
            // one its files are named by, on any file system.
            files.AddRange(Directory.EnumerateFiles(current));
            foreach (string subfolder in Directory.EnumerateDirectories(current).Order(StringComparer.Ordinal).Reverse())
            {
                pending.Push(subfolder);
            }
        }

        return [.. files.Order(StringComparer.Ordinal)];
    }

    // The full path with every link on the way resolved, so that two routes to one folder compare equal.
    private static string Canonical(string path, int links)
    {
        string full = Path.GetFullPath(path), root = Path.GetPathRoot(full)!, result = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string step = Path.Combine(result, part);
            if (new DirectoryInfo(step).LinkTarget is not { } target)
            {
                result = step;
                continue;
            }

            if (links >= MostLinks)
            {
                throw new IOException($"{path}: more than {MostLinks} links on the way to it");
            }

            // A relative target is relative to the link's folder, and it may lie under links itself.
            result = Canonical(Path.Combine(result, target), links + 1);
        }

        return result;
    }
}
