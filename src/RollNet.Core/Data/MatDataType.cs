namespace RollNet.Data;

/// <summary>The data types of a MATLAB 5 MAT-file's elements (the first word of each element's tag).</summary>
internal enum MatDataType : uint
{
    Int8 = 1,
    UInt8 = 2,
    Int16 = 3,
    UInt16 = 4,
    Int32 = 5,
    UInt32 = 6,
    Single = 7,
    Double = 9,
    Int64 = 12,
    UInt64 = 13,
    Matrix = 14,
    Compressed = 15,
    Utf8 = 16,
    Utf16 = 17,
    Utf32 = 18,
}
