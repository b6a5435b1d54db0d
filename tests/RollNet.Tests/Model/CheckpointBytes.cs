using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RollNet.Tests.Model;

/// <summary>
/// Byte-level surgery on checkpoint files (docs/FORMAT.md), for crafting files that are damaged or inconsistent in
/// one chosen way. Resealing recomputes the checksum so that a deliberate edit is not reported as corruption.
/// </summary>
internal static class CheckpointBytes
{
    public const int PrefixLength = 12;
    public const int ChecksumLength = 32;

    public static int HeaderLength(byte[] file) => (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));

    public static string Header(byte[] file) => Encoding.UTF8.GetString(file, PrefixLength, HeaderLength(file));

    public static int PayloadOffset(byte[] file) => PrefixLength + HeaderLength(file);

    /// <summary>Rewrites the last 32 bytes as the SHA-256 of everything before them.</summary>
    public static byte[] Reseal(byte[] file)
    {
        SHA256.HashData(file.AsSpan(0, file.Length - ChecksumLength), file.AsSpan(file.Length - ChecksumLength));
        return file;
    }

    /// <summary>The file with its JSON header replaced by <paramref name="header"/>, resealed.</summary>
    public static byte[] WithHeader(byte[] file, string header)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        int payload = PayloadOffset(file);
        var result = new byte[PrefixLength + json.Length + (file.Length - payload)];
        file.AsSpan(0, PrefixLength).CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)json.Length);
        json.CopyTo(result, PrefixLength);
        file.AsSpan(payload).CopyTo(result.AsSpan(PrefixLength + json.Length));
        return Reseal(result);
    }

    /// <summary>The file with one float of the payload, <paramref name="index"/> floats in, replaced and resealed.</summary>
    public static byte[] WithPayloadFloat(byte[] file, int index, float value)
    {
        var result = (byte[])file.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(result.AsSpan(PayloadOffset(file) + (index * sizeof(float))), value);
        return Reseal(result);
    }
}
