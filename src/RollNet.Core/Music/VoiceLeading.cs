using RollNet.Data;

namespace RollNet.Music;

/// <summary>
/// How the voices of a roll move from frame to frame, counted as a harmony teacher marks them. A piano roll does not
/// say which note belongs to which voice, so the voices are taken as the sounding keys in order of pitch: the outer
/// voices are the lowest and the highest of every frame of two or more notes, and where two consecutive frames hold
/// exactly four notes each (as a four-part chorale's do), the four are bass, tenor, alto and soprano. Voices that
/// cross therefore show as overlaps: a voice moving past where its neighbour just was.
/// </summary>
internal static class VoiceLeading
{
    /// <summary>
    /// Adds to <paramref name="counts"/>, over every pair of consecutive frames of <paramref name="roll"/> (a rest
    /// between them breaks the pair): the outer voices' moves (at least one of the two moving) as similar (both the
    /// same way), contrary or oblique (one holding); the parallel fifths and octaves among the similar moves (the two
    /// voices a perfect fifth apart, or an octave or unison, in both frames, give or take octaves); the same parallels
    /// between all six pairs of voices of four-note frames, out of those pairs' similar moves; the overlaps there; and
    /// the lowest key's leaps between sounding frames, across rests, as the top voice's are counted.
    /// </summary>
    public static void Count(PianoRoll roll, MusicCounts counts)
    {
        Span<int> previous = stackalloc int[4], current = stackalloc int[4];
        Span<float> frame = stackalloc float[PianoRoll.Keys];
        int previousCount = 0, previousLow = -1, previousHigh = -1, lastBass = -1;
        for (int t = 0; t < roll.Steps; t++)
        {
            roll.CopyFrame(t, frame);
            (int count, int low, int high) = Voices(frame, current);
            if (count > 0)
            {
                if (lastBass >= 0)
                {
                    counts.BassLeaps++;
                    counts.BassLeapSum += Math.Abs(low - lastBass);
                }

                lastBass = low;
            }

            if (count >= 2 && previousCount >= 2)
            {
                OuterMove(previousLow, previousHigh, low, high, counts);
            }

            if (count == 4 && previousCount == 4)
            {
                FourVoiceMove(previous, current, counts);
            }

            current.CopyTo(previous);
            (previousCount, previousLow, previousHigh) = (count, low, high);
        }
    }

    /// <summary>
    /// Whether the move from <paramref name="before"/> to <paramref name="after"/> (frames of <see cref="PianoRoll.Keys"/>
    /// values, non-zero where a key sounds) makes parallel fifths or octaves as <see cref="Count"/> counts them: between
    /// the outer voices of frames of two or more notes, or between any two voices where both frames hold four.
    /// </summary>
    public static bool MovesInParallels(ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        Span<int> lower = stackalloc int[4], upper = stackalloc int[4];
        (int countBefore, int lowBefore, int highBefore) = Voices(before, lower);
        (int count, int low, int high) = Voices(after, upper);
        if (countBefore < 2 || count < 2)
        {
            return false;
        }

        if (IsParallelMove(lowBefore, highBefore, low, high))
        {
            return true;
        }

        if (countBefore != 4 || count != 4)
        {
            return false;
        }

        for (int a = 0; a < 4; a++)
        {
            for (int b = a + 1; b < 4; b++)
            {
                if (IsParallelMove(lower[a], lower[b], upper[a], upper[b]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The sounding keys of a frame: how many, the lowest and the highest, and the first four in order of pitch.
    private static (int Count, int Low, int High) Voices(ReadOnlySpan<float> frame, Span<int> firstFour)
    {
        int count = 0, low = -1, high = -1;
        for (int k = 0; k < frame.Length; k++)
        {
            if (frame[k] == 0)
            {
                continue;
            }

            if (count < 4)
            {
                firstFour[count] = k;
            }

            low = low < 0 ? k : low;
            high = k;
            count++;
        }

        return (count, low, high);
    }

    private static void OuterMove(int lowBefore, int highBefore, int low, int high, MusicCounts counts)
    {
        int bass = Math.Sign(low - lowBefore), top = Math.Sign(high - highBefore);
        if (bass == 0 && top == 0)
        {
            return;
        }

        counts.OuterMoves++;
        if (bass == 0 || top == 0)
        {
            counts.ObliqueMoves++;
        }
        else if (bass != top)
        {
            counts.ContraryMoves++;
        }
        else
        {
            counts.SimilarMoves++;
            counts.OuterParallels += IsParallelMove(lowBefore, highBefore, low, high) ? 1 : 0;
        }
    }

    private static void FourVoiceMove(ReadOnlySpan<int> before, ReadOnlySpan<int> after, MusicCounts counts)
    {
        counts.FourVoiceMoves++;
        for (int lower = 0; lower < 4; lower++)
        {
            // A voice moving above where the voice over it was, or below where the voice under it was.
            if (lower < 3 && (after[lower] > before[lower + 1] || after[lower + 1] < before[lower]))
            {
                counts.Overlaps++;
            }

            for (int upper = lower + 1; upper < 4; upper++)
            {
                int a = Math.Sign(after[lower] - before[lower]), b = Math.Sign(after[upper] - before[upper]);
                if (a != 0 && a == b)
                {
                    counts.PairSimilarMoves++;
                    counts.PairParallels += IsParallelMove(before[lower], before[upper], after[lower], after[upper]) ? 1 : 0;
                }
            }
        }
    }

    // Both voices moving the same way, a perfect fifth apart in both frames or an octave (or unison) in both, octaves
    // above them included.
    private static bool IsParallelMove(int lowBefore, int highBefore, int low, int high)
    {
        int lowMove = Math.Sign(low - lowBefore), highMove = Math.Sign(high - highBefore);
        int before = (highBefore - lowBefore) % 12, after = (high - low) % 12;
        return lowMove != 0 && lowMove == highMove && before == after && before is 0 or 7;
    }
}
