namespace RollNet.Data;

/// <summary>
/// The tag of an element of a MATLAB 5 MAT-file: its data type and the bytes of its payload. A payload of up to four
/// bytes may be held in the tag itself (<paramref name="SmallData"/>, then <paramref name="IsSmall"/>); a longer one
/// follows the tag, padded to a multiple of eight bytes.
/// </summary>
internal readonly record struct MatTag(MatDataType Type, uint Size, bool IsSmall, uint SmallData)
{
    /// <summary>The bytes that follow the tag in the file: the payload and its padding, none for a small element.</summary>
    public long FollowingBytes => IsSmall ? 0 : (Size + 7L) & ~7L;
}
