namespace RollNet.Data;

/// <summary>
/// What precedes an array's data in a MATLAB 5 MAT-file: its class, whether it is complex, its dimensions, and its name
/// (empty within a cell array).
/// </summary>
internal sealed record MatArrayHeader(MatArrayClass Class, bool Complex, long[] Dimensions, string Name)
{
    /// <summary>
    /// The count of elements the dimensions make, saturating rather than overflowing: any count this large is refused
    /// by what reads the array.
    /// </summary>
    public long Elements => Dimensions.Aggregate(1L, (product, d) => d == 0 ? 0 : Math.Min(product, long.MaxValue / d) * d);
}
