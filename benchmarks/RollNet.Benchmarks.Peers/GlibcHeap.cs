using System.Runtime.InteropServices;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// libtorch takes its large temporaries (oneDNN's RNN workspaces, gate buffers: tens to hundreds of MB) from
/// malloc. glibc hands blocks above its mmap threshold back to the kernel on free, so every iteration would fault in
/// and zero them again, and whether it does depends on what the heap held before: the same figure swings 2–4×.
/// Keeping freed blocks in the heap, as the caching allocators PyTorch recommends on CPU do, makes it steady.
/// </summary>
internal static partial class GlibcHeap
{
    private const int TrimThreshold = -1, MmapMax = -4;

    /// <summary>Applies the settings before libtorch allocates; returns what it did, for the header.</summary>
    public static string KeepFreedBlocks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "unchanged off Linux";
        }

        bool noMmap = Mallopt(MmapMax, 0) == 1;
        bool noTrim = Mallopt(TrimThreshold, int.MaxValue) == 1;
        return noMmap && noTrim
            ? "glibc keeps freed blocks: mallopt(M_MMAP_MAX, 0), mallopt(M_TRIM_THRESHOLD, INT_MAX)"
            : $"mallopt refused (M_MMAP_MAX {noMmap}, M_TRIM_THRESHOLD {noTrim}): glibc defaults";
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
