namespace RollNet.Compute;

/// <summary>
/// One row of <see cref="Backend.AddParallelMotion"/> on the host (the CPU backend's kernel), and the same choice made
/// key by key as the NADE head decodes a frame, so that decoding and the loss see the same bits.
/// </summary>
/// <remarks>
/// Frames are in the outside-in order of the NADE that reads them (<see cref="OutsideInOrder"/>, split at key s: the
/// highest key, the lowest, the second highest, …). Deciding the keys so, a key is known to become the top voice when
/// every key above it has been decided silent, and the bass likewise, so the key that completes the outer voices is
/// known when it is decided, wherever they lie on either side of the split. Each key's interval class is then
/// c = (top − bass) mod 12 when, against the frame before (top′, bass′, two keys or more), both outer voices would move
/// the same way and keep their interval class (c = (top′ − bass′) mod 12), as parallel fifths (c = 7) and octaves
/// (c = 0) do; otherwise it has none.
/// </remarks>
internal static class ParallelMotion
{
    /// <summary>Interval classes, one weight each.</summary>
    public const int Classes = 12;

    /// <summary>
    /// The lowest and the highest sounding key of <paramref name="frame"/> (in outside-in order split at
    /// <paramref name="split"/>), −1 and −1 in a rest, and how many keys sound.
    /// </summary>
    public static (int Bass, int Top, int Count) Outer(ReadOnlySpan<float> frame, int split)
    {
        int keys = frame.Length, bass = -1, top = -1, count = 0;
        for (int j = 0; j < keys; j++)
        {
            if (frame[j] != 0)
            {
                int key = OutsideInOrder.KeyAt(j, keys, split);
                bass = bass < 0 || key < bass ? key : bass;
                top = Math.Max(top, key);
                count++;
            }
        }

        return (bass, top, count);
    }

    /// <summary>
    /// Fills <paramref name="latestAbove"/>[k] with the last position among the keys above key k, and
    /// <paramref name="latestBelow"/>[k] among those below it (−1 where there are none): a key is known to be the top
    /// (the bass) once every key above (below) it has been decided silent, which is after those positions.
    /// </summary>
    public static void LatestPositions(int split, Span<int> latestAbove, Span<int> latestBelow)
    {
        int keys = latestAbove.Length;
        for (int k = keys - 1, latest = -1; k >= 0; latest = Math.Max(latest, OutsideInOrder.PositionOf(k, keys, split)), k--)
        {
            latestAbove[k] = latest;
        }

        for (int k = 0, latest = -1; k < keys; latest = Math.Max(latest, OutsideInOrder.PositionOf(k, keys, split)), k++)
        {
            latestBelow[k] = latest;
        }
    }

    /// <summary>
    /// The interval class of <paramref name="key"/>, decided at <paramref name="position"/>, or −1, given the lowest and
    /// the highest sounding key among the keys decided before it (−1 for none) and the outer voices of the frame before.
    /// The key would be the top with the bass known, or the bass with the top known; the latest positions are
    /// <see cref="LatestPositions"/>'s. The same holds with the target's own outer voices in place of those decided so
    /// far, which is how <see cref="RowClasses"/> reads a whole row at once.
    /// </summary>
    public static int ClassAt(int key, int position, int bass, int top, ReadOnlySpan<int> latestAbove,
        ReadOnlySpan<int> latestBelow, (int Bass, int Top, int Count) before, int split)
    {
        if (before.Count < 2)
        {
            return -1;
        }

        int keys = latestAbove.Length;
        bool bassKnown = bass >= 0 && Math.Max(latestBelow[bass], OutsideInOrder.PositionOf(bass, keys, split)) < position;
        bool topKnown = top >= 0 && Math.Max(latestAbove[top], OutsideInOrder.PositionOf(top, keys, split)) < position;
        return latestAbove[key] < position && top <= key && bassKnown && bass < key ? Class(key, bass, before.Top, before.Bass)
            : latestBelow[key] < position && (bass < 0 || bass >= key) && topKnown && top > key ? Class(top, key, before.Top, before.Bass)
            : -1;
    }

    /// <summary>
    /// c[j] += P[class of j] over one row, the classes read from its whole target frame at once and written to
    /// <paramref name="classes"/> (−1 where none).
    /// </summary>
    public static void AddRow(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int split, ReadOnlySpan<float> weights,
        Span<float> visibleBias, Span<float> classes)
    {
        Span<int> classOf = stackalloc int[target.Length];
        RowClasses(input, target, split, classOf);
        for (int j = 0; j < classOf.Length; j++)
        {
            classes[j] = classOf[j];
            if (classOf[j] >= 0 && weights[classOf[j]] != 0)
            {
                visibleBias[j] += weights[classOf[j]];
            }
        }
    }

    /// <summary>
    /// <see cref="ClassAt"/> for every position of a row in one pass, with the target's outer voices B and T: whether
    /// the bass is known at a key's position depends only on the keys up to B having been decided, and whether the key
    /// would be the top only on the keys above it having been decided silent, which the whole target tells as well as
    /// the keys decided before it do.
    /// </summary>
    public static void RowClasses(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int split, Span<int> classes)
    {
        int keys = target.Length;
        classes.Fill(-1);
        (int, int, int Count) before = Outer(input, split);
        (int bass, int top, _) = Outer(target, split);
        if (before.Count < 2 || bass < 0)
        {
            return;
        }

        Span<int> latestAbove = stackalloc int[keys], latestBelow = stackalloc int[keys];
        LatestPositions(split, latestAbove, latestBelow);
        for (int k = 0; k < keys; k++)
        {
            int j = OutsideInOrder.PositionOf(k, keys, split);
            classes[j] = ClassAt(k, j, bass, top, latestAbove, latestBelow, before, split);
        }
    }

    /// <summary>
    /// The interval class (top − bass) mod 12 of outer voices <paramref name="top"/> and <paramref name="bass"/> when
    /// they move the same way as <paramref name="beforeTop"/> and <paramref name="beforeBass"/> and keep their class,
    /// else −1; the GPU kernel calls it too.
    /// </summary>
    public static int Class(int top, int bass, int beforeTop, int beforeBass)
    {
        int bassMove = bass - beforeBass, topMove = top - beforeTop;
        bool together = (bassMove > 0 && topMove > 0) || (bassMove < 0 && topMove < 0);
        int interval = (top - bass) % Classes;
        return together && interval == (beforeTop - beforeBass) % Classes ? interval : -1;
    }
}
