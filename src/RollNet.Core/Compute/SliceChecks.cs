namespace RollNet.Compute;

/// <summary>
/// The argument checks every backend makes on the host before an operation, so that all of them reject a wrong
/// shape with the same message.
/// </summary>
public static class SliceChecks
{
    /// <summary>Throws unless <paramref name="slice"/> holds exactly <paramref name="expected"/> elements.</summary>
    public static void Length(BufferSlice slice, long expected, string name)
    {
        if (slice.Length != expected)
        {
            throw new ArgumentException($"{name} has {slice.Length} elements where {expected} were expected", name);
        }
    }

    /// <summary>Throws unless <paramref name="slice"/> covers a rows×cols matrix with the given row stride.</summary>
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
