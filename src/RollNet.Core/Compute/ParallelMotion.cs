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
    /// The interval class of the key decided at <paramref name="position"/>, or −1, given the keys decided before it in
    /// <paramref name="decided"/> (in outside-in order; the rest 0) and the outer voices of the frame before.
    /// </summary>
    public static int ClassAt(int position, ReadOnlySpan<float> decided, (int Bass, int Top, int Count) before, int split)
    {
        int keys = decided.Length, key = OutsideInOrder.KeyAt(position, keys, split);
        (int bass, int top, _) = Outer(decided, split);
        bool aboveDecided = true, belowDecided = true, belowBassDecided = bass >= 0, aboveTopDecided = top >= 0;
        for (int m = 0; m < keys; m++)
        {
            bool isDecided = OutsideInOrder.PositionOf(m, keys, split) < position;
            aboveDecided &= m <= key || isDecided;
            belowDecided &= m >= key || isDecided;
            belowBassDecided &= m >= bass || isDecided;
            aboveTopDecided &= m <= top || isDecided;
        }

        // The key would be the top with the bass known, or the bass with the top known.
        return aboveDecided && top < key && belowBassDecided && bass >= 0 && bass < key ? Class(key, bass, before)
            : belowDecided && (bass < 0 || bass > key) && aboveTopDecided && top > key ? Class(top, key, before)
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
    /// <see cref="ClassAt"/> for every position of a row in one pass: with the target's outer voices B and T, the bass
    /// is known from the position after every key up to B has been decided, the top likewise, and key k would be the top
    /// (the bass) when it is at or above T (at or below B) and every key above (below) it comes earlier.
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

        // latestAbove[k]: the last position among the keys above k; latestBelow[k]: among those below.
        Span<int> latestAbove = stackalloc int[keys], latestBelow = stackalloc int[keys];
        for (int k = keys - 1, latest = -1; k >= 0; latest = Math.Max(latest, OutsideInOrder.PositionOf(k, keys, split)), k--)
        {
            latestAbove[k] = latest;
        }

        for (int k = 0, latest = -1; k < keys; latest = Math.Max(latest, OutsideInOrder.PositionOf(k, keys, split)), k++)
        {
            latestBelow[k] = latest;
        }

        int bassKnown = Math.Max(latestBelow[bass], OutsideInOrder.PositionOf(bass, keys, split));
        int topKnown = Math.Max(latestAbove[top], OutsideInOrder.PositionOf(top, keys, split));
        for (int k = 0; k < keys; k++)
        {
            int j = OutsideInOrder.PositionOf(k, keys, split);
            classes[j] = k >= top && k > bass && latestAbove[k] < j && bassKnown < j ? Class(k, bass, before)
                : k <= bass && k < top && latestBelow[k] < j && topKnown < j ? Class(top, k, before)
                : -1;
        }
    }

    // The interval class of outer voices top and bass when they move the same way as those before and keep their class.
    private static int Class(int top, int bass, (int Bass, int Top, int Count) before)
    {
        if (before.Count < 2)
        {
            return -1;
        }

        int bassMove = Math.Sign(bass - before.Bass), topMove = Math.Sign(top - before.Top);
        int interval = (top - bass) % Classes;
        return bassMove != 0 && bassMove == topMove && interval == (before.Top - before.Bass) % Classes ? interval : -1;
    }
}
