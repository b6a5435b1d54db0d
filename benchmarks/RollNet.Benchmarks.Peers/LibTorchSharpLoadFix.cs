using System.Runtime.InteropServices;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// TorchSharp 0.107.0's libLibTorchSharp.so was linked by GCC 13 and so requires libstdc++'s GLIBCXX_3.4.32, which
/// older systems (Debian 12 stops at GLIBCXX_3.4.30) lack, and the loader refuses the library. The only symbol bound
/// to that version is std::ios_base_library_init(), a marker GCC 13's &lt;iostream&gt; references without ever
/// calling it. Marking the requirement weak lets the loader accept the library; a symbol that were really used would
/// still fail to bind, loudly. Only this program's own copy is changed, never the NuGet cache's, and only the
/// versions the system library lacks.
/// </summary>
internal static class LibTorchSharpLoadFix
{
    private const string LibraryName = "libLibTorchSharp.so", StandardLibrary = "libstdc++.so.6";

    /// <summary>Applies the fix where needed, before TorchSharp loads; returns what it did, for the header.</summary>
    public static string Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return "not needed off Linux x64";
        }

        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibraryName);
        if (!File.Exists(library))
        {
            return $"{LibraryName} not found beside the program; left alone";
        }

        if (new FileInfo(library).LinkTarget is not null)
        {
            return $"{library} is a link, perhaps into the NuGet cache; left alone";
        }

        string system = LoadedStandardLibrary();
        IReadOnlySet<string> available = new ElfImage(File.ReadAllBytes(system)).DefinedVersions();
        byte[] bytes = File.ReadAllBytes(library);
        var image = new ElfImage(bytes);
        List<ElfVersionNeed> missing = [.. image.VersionNeeds()
            .Where(need => need.Library == StandardLibrary && !available.Contains(need.Version))];
        List<ElfVersionNeed> toMark = [.. missing.Where(need => !need.IsWeak)];
        if (toMark.Count == 0)
        {
            return missing.Count == 0
                ? $"not needed: {system} has every version {LibraryName} requires"
                : $"{string.Join(", ", missing.Select(need => need.Version))} already weak in this program's copy";
        }

        foreach (ElfVersionNeed need in toMark)
        {
            image.MarkWeak(need);
        }

        // Replace the file rather than write into it, so that a hard link to another copy is never changed.
        string temporary = library + ".weak-version";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, library, overwrite: true);
        return $"marked {string.Join(", ", toMark.Select(need => need.Version))} weak in this program's copy ({system} lacks it)";
    }

    /// <summary>The libstdc++ the loader would bind: the one already in the process, which the .NET runtime uses.</summary>
    private static string LoadedStandardLibrary()
    {
        string? path = MappedLibrary();
        if (path is null)
        {
            // Kept loaded: libtorch will need it anyway.
            NativeLibrary.Load(StandardLibrary);
            path = MappedLibrary();
        }

        return path ?? throw new InvalidOperationException($"{StandardLibrary} could not be found in the process");

        static string? MappedLibrary() => File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? line[slash..] : null)
            .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal));
    }
}
