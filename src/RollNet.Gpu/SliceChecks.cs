using RollNet.Compute;

namespace RollNet.Gpu;

/// <summary>Argument checks made on the host before a launch, with the messages the CPU backend gives.</summary>
internal static class SliceChecks
{
    public static void Length(BufferSlice slice, long expected, string name)
    {
        if (slice.Length != expected)
        {
            throw new ArgumentException($"{name} has {slice.Length} elements where {expected} were expected", name);
        }
    }

    public static void Matrix(BufferSlice slice, int rows, int cols, int stride, string name)
    {
        if (rows < 0 || cols < 0 || stride < cols)
        {
            throw new ArgumentException($"{name} is {rows}×{cols} with row stride {stride}", name);
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * stride) + cols;
        if (slice.Length < needed)
        {
            throw new ArgumentException(
                $"{name} needs {needed} elements for {rows}×{cols} with row stride {stride} but the slice has {slice.Length}",
                name);
        }
    }
}
