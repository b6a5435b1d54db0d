using System.Buffers.Binary;
using System.Text;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// The symbol-versioning tables of a 64-bit little-endian ELF shared object, found as the dynamic loader finds
/// them: through the dynamic segment, whose addresses the loadable segments map back to file offsets.
/// </summary>
internal sealed class ElfImage
{
    /// <summary>VER_FLG_WEAK: the loader tolerates the version's absence.</summary>
    public const ushort WeakVersionFlag = 0x2;

    private const uint LoadSegment = 1, DynamicSegment = 2;
    private const long StringTableTag = 5, VersionDefinitionsTag = 0x6ffffffc, VersionDefinitionCountTag = 0x6ffffffd,
        VersionNeedsTag = 0x6ffffffe, VersionNeedCountTag = 0x6fffffff;

    private readonly byte[] _bytes;
    private readonly List<(ulong Address, ulong FileSize, ulong Offset)> _loads = [];
    private readonly Dictionary<long, ulong> _dynamic = [];

    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF with a dynamic segment.</exception>
    public ElfImage(byte[] bytes)
    {
        _bytes = bytes;
        if (bytes.Length < 64 || !bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        long headers = (long)U64(0x20);
        int headerSize = U16(0x36), headerCount = U16(0x38);
        long dynamicOffset = -1, dynamicSize = 0;
        for (int i = 0; i < headerCount; i++)
        {
            long header = headers + ((long)i * headerSize);
            uint type = U32(header);
            if (type == LoadSegment)
            {
                _loads.Add((U64(header + 16), U64(header + 32), U64(header + 8)));
            }
            else if (type == DynamicSegment)
            {
                (dynamicOffset, dynamicSize) = ((long)U64(header + 8), (long)U64(header + 32));
            }
        }

        if (dynamicOffset < 0)
        {
            throw new InvalidDataException("no dynamic segment: not a shared object");
        }

        for (long entry = dynamicOffset; entry + 16 <= dynamicOffset + dynamicSize; entry += 16)
        {
            long tag = (long)U64(entry);
            if (tag == 0)
            {
                break;
            }

            _dynamic.TryAdd(tag, U64(entry + 8));
        }
    }

    /// <summary>The versions this object defines (its Verdef names), e.g. GLIBCXX_3.4.30 for a libstdc++.</summary>
    public IReadOnlySet<string> DefinedVersions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!_dynamic.TryGetValue(VersionDefinitionsTag, out ulong address))
        {
            return names;
        }

        long definition = FileOffset(address);
        long count = (long)_dynamic.GetValueOrDefault(VersionDefinitionCountTag);
        for (long i = 0; i < count; i++)
        {
            // The first auxiliary entry names the version; any others name its parents.
            names.Add(DynamicString(U32(definition + U32(definition + 12))));
            uint next = U32(definition + 16);
            if (next == 0)
            {
                break;
            }

            definition += next;
        }

        return names;
    }

    /// <summary>The versions this object requires of other libraries (its Verneed and Vernaux entries).</summary>
    public IReadOnlyList<ElfVersionNeed> VersionNeeds()
    {
        var needs = new List<ElfVersionNeed>();
        if (!_dynamic.TryGetValue(VersionNeedsTag, out ulong address))
        {
            return needs;
        }

        long need = FileOffset(address);
        long count = (long)_dynamic.GetValueOrDefault(VersionNeedCountTag);
        for (long i = 0; i < count; i++)
        {
            string library = DynamicString(U32(need + 4));
            long auxiliary = need + U32(need + 8);
            for (int j = 0; j < U16(need + 2); j++)
            {
                needs.Add(new ElfVersionNeed(library, DynamicString(U32(auxiliary + 8)), U16(auxiliary + 4), auxiliary + 4));
                auxiliary += U32(auxiliary + 12);
            }

            uint next = U32(need + 12);
            if (next == 0)
            {
                break;
            }

            need += next;
        }

        return needs;
    }

    /// <summary>Sets the weak flag of <paramref name="need"/> in the bytes this image reads (not in any file).</summary>
    public void MarkWeak(ElfVersionNeed need) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan((int)need.FlagsOffset, 2), (ushort)(need.Flags | WeakVersionFlag));

    private long FileOffset(ulong address)
    {
        foreach ((ulong start, ulong size, ulong offset) in _loads)
        {
            if (address >= start && address < start + size)
            {
                return (long)(offset + (address - start));
            }
        }

        throw new InvalidDataException($"address 0x{address:x} lies in no loadable segment");
    }

    private string DynamicString(uint index)
    {
        long start = FileOffset(_dynamic[StringTableTag]) + index;
        int length = _bytes.AsSpan((int)start).IndexOf((byte)0);
        return Encoding.ASCII.GetString(_bytes, (int)start, length);
    }

    private ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)offset, 2));

    private uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)offset, 4));

    private ulong U64(long offset) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)offset, 8));
}
