namespace RollNet.Data;

/// <summary>
/// What precedes an array's data in a MATLAB 5 MAT-file: its class, whether it is complex, its dimensions with the
/// count of elements they make, and its name (empty within a cell array).
/// </summary>
internal sealed record MatArrayHeader(MatArrayClass Class, bool Complex, long[] Dimensions, long Elements, string Name);
