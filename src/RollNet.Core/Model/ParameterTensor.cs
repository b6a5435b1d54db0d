namespace RollNet.Model;

/// <summary>A named matrix inside the flat parameter buffer.</summary>
/// <param name="Name">Such as "lstm0.w" or "out.b".</param>
/// <param name="Offset">First element in the flat buffer.</param>
/// <param name="Rows">Rows (1 for a vector).</param>
/// <param name="Cols">Columns.</param>
internal sealed record ParameterTensor(string Name, int Offset, int Rows, int Cols)
{
    /// <summary>Elements in the tensor.</summary>
    public int Length => Rows * Cols;
}
