namespace RollNet.Heads;

/// <summary>A parameter tensor of an output head: its name in the flat parameter buffer and its shape.</summary>
internal readonly record struct HeadTensor(string Name, int Rows, int Cols)
{
    public int Length => Rows * Cols;
}
