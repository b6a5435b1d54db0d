using System.Buffers.Binary;
using Razorvine.Pickle;

namespace RollNet.Data;

/// <summary>
/// Turns the pickle global <c>numpy.core.multiarray.scalar</c>, called as <c>scalar(dtype, raw bytes)</c>, into a
/// <see cref="long"/>; only little-endian int64 is accepted, which is what the original JSB Chorales pickle holds.
/// </summary>
internal sealed class NumpyScalarConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args is not [NumpyDtype dtype, var data])
        {
            throw new InvalidDataException(
                $"numpy scalar: expected (dtype, bytes) but found ({string.Join(", ", args.Select(PythonNames.TypeOf))})");
        }

        if (dtype.Code != "i8" || dtype.ByteOrder != "<")
        {
            throw new InvalidDataException(
                $"numpy scalar of dtype {dtype.ByteOrder}{dtype.Code}: only little-endian int64 (<i8) is supported");
        }

        // A Python 2 pickle stores the raw bytes as a str, which the unpickler decodes one char per byte.
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        switch (data)
        {
            case string text when text.Length == sizeof(long) && text.All(c => c <= byte.MaxValue):
                for (int i = 0; i < sizeof(long); i++)
                {
                    bytes[i] = (byte)text[i];
                }

                break;
            case byte[] raw when raw.Length == sizeof(long):
                raw.CopyTo(bytes);
                break;
            default:
                throw new InvalidDataException($"numpy scalar: expected 8 bytes of int64 but found {PythonNames.TypeOf(data)}");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }
}
