namespace RollNet.Data;

/// <summary>
/// A piece of music as a binary piano roll: one frame per time step, each frame 88 keys (MIDI 21 to 108) that are
/// either sounding or silent. Every reader returns one and every writer takes one; a caller primes a generation with
/// one and gets the music drawn as one.
/// </summary>
public sealed class PianoRoll
{
    /// <summary>Keys in a frame.</summary>
    public const int Keys = 88;

    /// <summary>MIDI pitch of key 0 (A0).</summary>
    public const int LowestPitch = 21;

    /// <summary>MIDI pitch of key 87 (C8).</summary>
    public const int HighestPitch = LowestPitch + Keys - 1;

    private readonly bool[] _keys;

    /// <summary>A silent roll of <paramref name="steps"/> frames.</summary>
    public PianoRoll(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        Steps = steps;
        _keys = new bool[steps * Keys];
    }

    /// <summary>Number of frames.</summary>
    public int Steps { get; }

    /// <summary>Every frame's keys in order, <see cref="Keys"/> a frame: whether each sounds.</summary>
    internal ReadOnlySpan<bool> Frames => _keys;

    /// <summary>Whether key <paramref name="key"/> (0..87) sounds at <paramref name="step"/>.</summary>
    public bool this[int step, int key]
    {
        get => _keys[Index(step, key)];
        set => _keys[Index(step, key)] = value;
    }

    /// <summary>A roll from frames of MIDI pitches; throws when a pitch is outside 21..108.</summary>
    public static PianoRoll FromPitches(IReadOnlyList<IReadOnlyCollection<int>> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var roll = new PianoRoll(frames.Count);
        for (int t = 0; t < frames.Count; t++)
        {
            foreach (int pitch in frames[t])
            {
                if (pitch < LowestPitch || pitch > HighestPitch)
                {
                    throw new ArgumentOutOfRangeException(nameof(frames),
                        $"pitch {pitch} at step {t} is outside the piano's {LowestPitch}..{HighestPitch}");
                }

                roll[t, pitch - LowestPitch] = true;
            }
        }

        return roll;
    }

    /// <summary>The MIDI pitches sounding at <paramref name="step"/>, ascending.</summary>
    public int[] PitchesAt(int step)
    {
        var pitches = new List<int>();
        for (int k = 0; k < Keys; k++)
        {
            if (this[step, k])
            {
                pitches.Add(k + LowestPitch);
            }
        }

        return [.. pitches];
    }

    /// <summary>The notes (runs of consecutive steps of a key), key by key, each key's in time order.</summary>
    public IEnumerable<RollNote> Notes()
    {
        for (int key = 0; key < Keys; key++)
        {
            int t = 0;
            while (t < Steps)
            {
                if (!this[t, key])
                {
                    t++;
                    continue;
                }

                int start = t;
                while (t < Steps && this[t, key])
                {
                    t++;
                }

                yield return new RollNote(key, start, t - start);
            }
        }
    }

    /// <summary>
    /// The notes in the order they start, those that start on one step key by key: one pass over the steps, and each
    /// note's own steps to find its end.
    /// </summary>
    internal IEnumerable<RollNote> NotesByOnset()
    {
        for (int t = 0; t < Steps; t++)
        {
            for (int key = 0; key < Keys; key++)
            {
                if (!this[t, key] || (t > 0 && this[t - 1, key]))
                {
                    continue;
                }

                int end = t + 1;
                while (end < Steps && this[end, key])
                {
                    end++;
                }

                yield return new RollNote(key, t, end - t);
            }
        }
    }

    /// <summary>Frame <paramref name="step"/> as 0/1 floats.</summary>
    public void CopyFrame(int step, Span<float> destination)
    {
        ReadOnlySpan<bool> frame = _keys.AsSpan(step * Keys, Keys);
        for (int k = 0; k < Keys; k++)
        {
            destination[k] = frame[k] ? 1 : 0;
        }
    }

    /// <summary>A copy of the <paramref name="steps"/> frames starting at <paramref name="start"/>.</summary>
    public PianoRoll Slice(int start, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (start + steps > Steps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"frames {start}..{start + steps} are outside a roll of {Steps}");
        }

        var slice = new PianoRoll(steps);
        _keys.AsSpan(start * Keys, steps * Keys).CopyTo(slice._keys);
        return slice;
    }

    /// <summary>A copy that keeps only the highest sounding key of each frame: the top voice, a melody.</summary>
    public PianoRoll TopVoice()
    {
        var top = new PianoRoll(Steps);
        for (int t = 0; t < Steps; t++)
        {
            int highest = _keys.AsSpan(t * Keys, Keys).LastIndexOf(true);
            if (highest >= 0)
            {
                top._keys[(t * Keys) + highest] = true;
            }
        }

        return top;
    }

    /// <summary>
    /// How many semitones the roll can move down and up with every sounding note staying on the keyboard; a silent
    /// roll can move the whole keyboard either way.
    /// </summary>
    public (int Down, int Up) TranspositionRoom()
    {
        int lowest = Keys, highest = -1;
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_keys[i])
            {
                int key = i % Keys;
                lowest = Math.Min(lowest, key);
                highest = Math.Max(highest, key);
            }
        }

        return highest < 0 ? (Keys - 1, Keys - 1) : (lowest, Keys - 1 - highest);
    }

    /// <summary>A copy moved up by <paramref name="semitones"/> (down when negative); throws when a note would leave the keyboard.</summary>
    public PianoRoll Transpose(int semitones)
    {
        (int down, int up) = TranspositionRoom();
        if (semitones < -down || semitones > up)
        {
            throw new ArgumentOutOfRangeException(nameof(semitones), semitones,
                $"the roll can move at most {down} semitones down and {up} up before a note leaves the keyboard");
        }

        var moved = new PianoRoll(Steps);
        for (int t = 0; t < Steps; t++)
        {
            ReadOnlySpan<bool> from = _keys.AsSpan((t * Keys) + Math.Max(0, -semitones), Keys - Math.Abs(semitones));
            from.CopyTo(moved._keys.AsSpan((t * Keys) + Math.Max(0, semitones)));
        }

        return moved;
    }

    /// <summary>A new roll of the frames of <paramref name="first"/> followed by those of <paramref name="second"/>.</summary>
    public static PianoRoll Concat(PianoRoll first, PianoRoll second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var roll = new PianoRoll(first.Steps + second.Steps);
        first._keys.CopyTo(roll._keys, 0);
        second._keys.CopyTo(roll._keys, first._keys.Length);
        return roll;
    }

    /// <summary>
    /// Whether <paramref name="other"/> has the same number of frames and the same keys sounding in each. (Not
    /// <see cref="object.Equals(object?)"/>: a roll is mutable, so a value-based hash code would change under a
    /// dictionary.)
    /// </summary>
    public bool ContentEquals(PianoRoll? other) =>
        other is not null && other.Steps == Steps && _keys.AsSpan().SequenceEqual(other._keys);

    private int Index(int step, int key)
    {
        if ((uint)step >= (uint)Steps || (uint)key >= Keys)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"({step}, {key}) is outside a roll of {Steps}×{Keys}");
        }

        return (step * Keys) + key;
    }
}
