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

    /// <summary>The operands of <see cref="Backend.Gemm(bool, bool, int, int, int, float, BufferSlice, int, BufferSlice, int, float, BufferSlice, int)"/>.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, BufferSlice a, int lda, BufferSlice b, int ldb,
        BufferSlice c, int ldc)
    {
        Matrix(a, transA ? k : m, transA ? m : k, lda, nameof(a));
        Matrix(b, transB ? n : k, transB ? k : n, ldb, nameof(b));
        Matrix(c, m, n, ldc, nameof(c));
    }

    /// <summary>The source of <see cref="Backend.Pack"/>.</summary>
    public static void Pack(bool transB, BufferSlice b, int ldb, PackedMatrix packed) =>
        Matrix(b, transB ? packed.N : packed.K, transB ? packed.K : packed.N, ldb, nameof(b));

    /// <summary>The operands of the packed <see cref="Backend.Gemm(bool, int, float, BufferSlice, int, PackedMatrix, float, BufferSlice, int)"/>.</summary>
    public static void PackedGemm(bool transA, int m, BufferSlice a, int lda, PackedMatrix b, BufferSlice c, int ldc)
    {
        Matrix(a, transA ? b.K : m, transA ? m : b.K, lda, nameof(a));
        Matrix(c, m, b.N, ldc, nameof(c));
    }

    /// <summary>The buffers of <see cref="Backend.LstmGatesForward"/>.</summary>
    public static void LstmGatesForward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice cell, BufferSlice tanhCell, BufferSlice output)
    {
        Length(gates, batch * 4L * hidden, nameof(gates));
        Length(cellPrevious, (long)batch * hidden, nameof(cellPrevious));
        Length(cell, (long)batch * hidden, nameof(cell));
        Length(tanhCell, (long)batch * hidden, nameof(tanhCell));
        Length(output, (long)batch * hidden, nameof(output));
    }

    /// <summary>The buffers of <see cref="Backend.LstmGatesBackward"/>.</summary>
    public static void LstmGatesBackward(int batch, int hidden, BufferSlice gates, BufferSlice cellPrevious,
        BufferSlice tanhCell, BufferSlice dOutput, BufferSlice dRecurrent, BufferSlice dCell, BufferSlice dGates)
    {
        Length(gates, batch * 4L * hidden, nameof(gates));
        Length(cellPrevious, (long)batch * hidden, nameof(cellPrevious));
        Length(tanhCell, (long)batch * hidden, nameof(tanhCell));
        Length(dOutput, (long)batch * hidden, nameof(dOutput));
        Length(dRecurrent, (long)batch * hidden, nameof(dRecurrent));
        Length(dCell, (long)batch * hidden, nameof(dCell));
        Length(dGates, batch * 4L * hidden, nameof(dGates));
    }

    /// <summary>The buffers of <see cref="Backend.SigmoidCrossEntropy"/>.</summary>
    public static void SigmoidCrossEntropy(int rows, int cols, BufferSlice logits, BufferSlice targets,
        BufferSlice rowMask, BufferSlice dLogits)
    {
        Length(logits, (long)rows * cols, nameof(logits));
        Length(targets, (long)rows * cols, nameof(targets));
        Length(rowMask, rows, nameof(rowMask));
        Length(dLogits, (long)rows * cols, nameof(dLogits));
    }
}
