using System.Buffers.Binary;
using Xunit;

namespace RollNet.Tests.Rendering;

/// <summary>Reads a PNG's size from its header, checking the signature and that the first chunk is IHDR.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(string path)
    {
        byte[] header = File.ReadAllBytes(path)[..24];
        Assert.Equal(Signature, header[..8]);
        Assert.Equal("IHDR"u8.ToArray(), header[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
