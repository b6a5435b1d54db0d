namespace RollNet.Compute;

/// <summary>
/// The outside-in order of K keys split at key s: the upper side s…K−1 from the top down and the lower side 0…s−1 from
/// the bottom up take turns, the highest key first, until one side is done; the other side then goes on alone. Split
/// at K/2 (integer division) this is the highest key, the lowest, the second highest, the second lowest, and so on.
/// </summary>
internal static class OutsideInOrder
{
    /// <summary>The key decided at <paramref name="position"/>.</summary>
    public static int KeyAt(int position, int keys, int split)
    {
        int upper = keys - split, lower = split, turns = 2 * Math.Min(upper, lower);
        return position < turns
            ? position % 2 == 0 ? keys - 1 - (position / 2) : position / 2
            : upper > lower ? keys - 1 - (position - lower) : position - upper;
    }

    /// <summary>Where <paramref name="key"/> is decided.</summary>
    public static int PositionOf(int key, int keys, int split)
    {
        int upper = keys - split, lower = split;
        if (key >= split)
        {
            int i = keys - 1 - key;
            return i < lower ? 2 * i : lower + i;
        }

        return key < upper ? (2 * key) + 1 : upper + key;
    }
}
