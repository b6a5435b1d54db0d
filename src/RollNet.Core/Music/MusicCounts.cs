using RollNet.Data;

namespace RollNet.Music;

/// <summary>
/// The counts every statistic is made from, for one roll or summed over several, so that a set's figures pool all its
/// frames and notes rather than averaging per-piece ratios.
/// </summary>
internal sealed class MusicCounts
{
    public const int PolyphonyBins = 7, LengthBins = 8, LeapBins = 14;

    public int Pieces;
    public long Frames, EmptyFrames, SoundingKeys, Notes, NoteSteps, Leaps, LeapSum, ChordFrames, ClashFrames, ClassClashFrames;

    // Sounding key-frames that lie in the key found for their own piece, and those of pieces that have a key.
    public long InKeyKeyFrames, KeyedKeyFrames;

    // Voice leading (VoiceLeading.Count): the outer voices' moves between consecutive frames of two or more notes, by
    // kind, and the parallel fifths and octaves among the similar ones; the same for every pair of voices where two
    // consecutive frames hold four notes each, and the overlaps there; and the bass's leaps across rests.
    public long OuterMoves, SimilarMoves, ContraryMoves, ObliqueMoves, OuterParallels;
    public long PairSimilarMoves, PairParallels, FourVoiceMoves, Overlaps;
    public long BassLeaps, BassLeapSum;

    public readonly long[] Polyphony = new long[PolyphonyBins];
    public readonly long[] KeyFrames = new long[PianoRoll.Keys];
    public readonly long[] Lengths = new long[LengthBins];
    public readonly long[] LeapSizes = new long[LeapBins];

    public static MusicCounts Of(PianoRoll roll)
    {
        ArgumentNullException.ThrowIfNull(roll);
        var c = new MusicCounts { Pieces = 1, Frames = roll.Steps };
        int previousTop = -1;
        for (int t = 0; t < roll.Steps; t++)
        {
            int count = 0, top = -1, mask = 0;
            bool clash = false, below = false;
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                bool on = roll[t, k];
                if (on)
                {
                    count++;
                    top = k;
                    mask |= 1 << ((k + PianoRoll.LowestPitch) % 12);
                    c.KeyFrames[k]++;
                    clash |= below;
                }

                below = on;
            }

            c.SoundingKeys += count;
            c.Polyphony[Math.Min(count, PolyphonyBins - 1)]++;
            if (count == 0)
            {
                c.EmptyFrames++;
                continue;
            }

            c.ChordFrames += ChordShapes.Contains(mask) ? 1 : 0;
            c.ClashFrames += clash ? 1 : 0;
            int rotated = ((mask << 1) | (mask >> 11)) & 0xFFF;
            c.ClassClashFrames += (mask & rotated) != 0 ? 1 : 0;

            // The top voice goes on across rests: the leap is from the last frame that sounded.
            if (previousTop >= 0)
            {
                int leap = Math.Abs(top - previousTop);
                c.Leaps++;
                c.LeapSum += leap;
                c.LeapSizes[Math.Min(leap, LeapBins - 1)]++;
            }

            previousTop = top;
        }

        VoiceLeading.Count(roll, c);
        foreach (RollNote note in roll.Notes())
        {
            c.Notes++;
            c.NoteSteps += note.Steps;
            c.Lengths[Math.Min(note.Steps, LengthBins) - 1]++;
        }

        if (KeyFinder.Find(c.PitchClassHistogram()) is { } key)
        {
            c.KeyedKeyFrames = c.SoundingKeys;
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                c.InKeyKeyFrames += key.InScale(k + PianoRoll.LowestPitch) ? c.KeyFrames[k] : 0;
            }
        }

        return c;
    }

    public void Add(MusicCounts other)
    {
        Pieces += other.Pieces;
        Frames += other.Frames;
        EmptyFrames += other.EmptyFrames;
        SoundingKeys += other.SoundingKeys;
        Notes += other.Notes;
        NoteSteps += other.NoteSteps;
        Leaps += other.Leaps;
        LeapSum += other.LeapSum;
        ChordFrames += other.ChordFrames;
        ClashFrames += other.ClashFrames;
        ClassClashFrames += other.ClassClashFrames;
        InKeyKeyFrames += other.InKeyKeyFrames;
        KeyedKeyFrames += other.KeyedKeyFrames;
        OuterMoves += other.OuterMoves;
        SimilarMoves += other.SimilarMoves;
        ContraryMoves += other.ContraryMoves;
        ObliqueMoves += other.ObliqueMoves;
        OuterParallels += other.OuterParallels;
        PairSimilarMoves += other.PairSimilarMoves;
        PairParallels += other.PairParallels;
        FourVoiceMoves += other.FourVoiceMoves;
        Overlaps += other.Overlaps;
        BassLeaps += other.BassLeaps;
        BassLeapSum += other.BassLeapSum;
        Sum(Polyphony, other.Polyphony);
        Sum(KeyFrames, other.KeyFrames);
        Sum(Lengths, other.Lengths);
        Sum(LeapSizes, other.LeapSizes);
    }

    /// <summary>Sounding key-frames per pitch class, C first, as shares of all (zeros when nothing sounds).</summary>
    public double[] PitchClassHistogram()
    {
        var histogram = new double[12];
        for (int k = 0; k < PianoRoll.Keys; k++)
        {
            histogram[(k + PianoRoll.LowestPitch) % 12] += KeyFrames[k];
        }

        return SoundingKeys == 0 ? histogram : [.. histogram.Select(h => h / SoundingKeys)];
    }

    private static void Sum(long[] into, long[] from)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }
}
