namespace RollNet.Benchmarks.Peers;

/// <summary>One symbol version a shared object requires of a library it links against (an ELF Vernaux entry).</summary>
/// <param name="Library">The library's soname, e.g. libstdc++.so.6.</param>
/// <param name="Version">The version's name, e.g. GLIBCXX_3.4.32.</param>
/// <param name="Flags">The entry's flags; <see cref="ElfImage.WeakVersionFlag"/> makes a missing version non-fatal.</param>
/// <param name="FlagsOffset">Where the flags lie in the file.</param>
internal readonly record struct ElfVersionNeed(string Library, string Version, ushort Flags, long FlagsOffset)
{
    public bool IsWeak => (Flags & ElfImage.WeakVersionFlag) != 0;
}
