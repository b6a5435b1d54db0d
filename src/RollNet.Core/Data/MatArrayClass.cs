namespace RollNet.Data;

/// <summary>The classes of a MATLAB 5 MAT-file's arrays (the low byte of an array's flags).</summary>
internal enum MatArrayClass : byte
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
}
