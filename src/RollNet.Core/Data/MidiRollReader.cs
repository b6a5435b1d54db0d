using NAudio.Midi;

namespace RollNet.Data;

/// <summary>
/// Reads a standard MIDI file (format 0 or 1, any number of tracks) into a piano roll quantised on a grid of beats.
/// </summary>
/// <remarks>
/// The grid is measured in ticks, through the file's ticks per quarter note, so tempo changes move the music in
/// seconds but never bend the grid. A key sounds while at least one note of its pitch is held on any channel but
/// 10 (General MIDI drums, which have no pitch); overlapping notes of one pitch merge until the last of them ends.
/// Each span of a held key is quantised on its own: the onset is rounded to the nearest step (halves up) and the
/// key covers every step from there whose start falls before the note's end, and at least that one step, so that
/// a grace note is not lost. Pitches outside 21..108 are dropped. The roll lasts until the later of its last note
/// and the end of the longest track, rounded to the nearest step.
/// </remarks>
public static class MidiRollReader
{
    /// <summary>
    /// Steps per quarter note unless told otherwise: 2, eighth notes. JSB Chorales was quantised to quarter notes and
    /// the other Boulanger-Lewandowski sets to eighths; eighths keep the quavers of most music (which quarter notes
    /// would smear into their neighbours) while a chorale only doubles in length.
    /// </summary>
    public const int DefaultStepsPerQuarter = 2;

    /// <summary>The longest roll accepted, so that a damaged length field cannot ask for gigabytes.</summary>
    public const int MaxSteps = 1_000_000;

    private const int DrumChannel = 10, Channels = 16, MidiPitches = 128;

    /// <summary>
    /// Reads <paramref name="path"/> with <paramref name="stepsPerQuarter"/> steps to a quarter note. Throws
    /// <see cref="DatasetException"/> when the file is missing, cannot be read as MIDI, uses SMPTE time or would make
    /// a roll longer than <see cref="MaxSteps"/>.
    /// </summary>
    public static PianoRoll Read(string path, int stepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        using var stream = new MemoryStream(DataFile.ReadAllBytes(path), writable: false);
        return Read(stream, path, stepsPerQuarter);
    }

    /// <summary>
    /// Reads a MIDI file from <paramref name="stream"/>, named <paramref name="source"/> in errors; throws
    /// <see cref="DatasetException"/> as <see cref="Read(string, int)"/> does.
    /// </summary>
    public static PianoRoll Read(Stream stream, string source, int stepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        MidiFile file = Open(stream, source);
        int ticksPerQuarter = file.DeltaTicksPerQuarterNote;
        if (ticksPerQuarter is 0 or >= 0x8000)
        {
            throw new DatasetException(source,
                $"time division 0x{ticksPerQuarter:X4} is not a positive number of ticks per quarter note (SMPTE time is not supported)");
        }

        var spans = new List<NoteSpan>();
        long endTick = 0;
        for (int track = 0; track < file.Tracks; track++)
        {
            IList<MidiEvent> events = file.Events[track];
            long trackEnd = events.Count == 0 ? 0 : events[^1].AbsoluteTime;
            CollectSpans(events, trackEnd, spans);
            endTick = Math.Max(endTick, trackEnd);
        }

        long steps = RoundToStep(endTick, stepsPerQuarter, ticksPerQuarter);
        foreach (NoteSpan span in spans)
        {
            steps = Math.Max(steps, EndStep(span, stepsPerQuarter, ticksPerQuarter));
        }

        if (steps > MaxSteps)
        {
            throw new DatasetException(source,
                $"the piece would take {steps} steps at {stepsPerQuarter} per quarter note, more than the {MaxSteps} allowed");
        }

        var roll = new PianoRoll((int)steps);
        foreach (NoteSpan span in spans)
        {
            long first = RoundToStep(span.On, stepsPerQuarter, ticksPerQuarter);
            long end = EndStep(span, stepsPerQuarter, ticksPerQuarter);
            for (long t = first; t < end; t++)
            {
                roll[(int)t, span.Pitch - PianoRoll.LowestPitch] = true;
            }
        }

        return roll;
    }

    private static MidiFile Open(Stream stream, string source)
    {
        try
        {
            return new MidiFile(stream, strictChecking: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // NAudio reports damaged files with whatever its parsing trips over (format, end-of-stream, null and
            // range errors alike); all of them mean "not a MIDI file we can read".
            throw new DatasetException(source, $"not a readable MIDI file: {e.Message}", e);
        }
    }

    /// <summary>Adds the spans during which each pitch is held on each channel of one track.</summary>
    private static void CollectSpans(IList<MidiEvent> events, long trackEnd, List<NoteSpan> spans)
    {
        var held = new int[Channels * MidiPitches];
        var since = new long[Channels * MidiPitches];
        foreach (MidiEvent midiEvent in events)
        {
            if (midiEvent is not NoteEvent note ||
                note.CommandCode is not (MidiCommandCode.NoteOn or MidiCommandCode.NoteOff) ||
                note.Channel == DrumChannel ||
                note.NoteNumber is < PianoRoll.LowestPitch or > PianoRoll.HighestPitch)
            {
                continue;
            }

            int slot = ((note.Channel - 1) * MidiPitches) + note.NoteNumber;
            if (MidiEvent.IsNoteOn(note))
            {
                if (held[slot]++ == 0)
                {
                    since[slot] = note.AbsoluteTime;
                }
            }
            else if (held[slot] > 0 && --held[slot] == 0)
            {
                spans.Add(new NoteSpan(note.NoteNumber, since[slot], note.AbsoluteTime));
            }
        }

        // A note never released sounds to the end of its track.
        for (int slot = 0; slot < held.Length; slot++)
        {
            if (held[slot] > 0)
            {
                spans.Add(new NoteSpan(slot % MidiPitches, since[slot], trackEnd));
            }
        }
    }

    /// <summary>The nearest step to <paramref name="tick"/>, halves rounded up; exact in integers.</summary>
    private static long RoundToStep(long tick, int stepsPerQuarter, int ticksPerQuarter) =>
        ((2 * tick * stepsPerQuarter) + ticksPerQuarter) / (2L * ticksPerQuarter);

    /// <summary>One past the last step a span covers: the steps that start before it ends, and at least one.</summary>
    private static long EndStep(NoteSpan span, int stepsPerQuarter, int ticksPerQuarter)
    {
        long first = RoundToStep(span.On, stepsPerQuarter, ticksPerQuarter);
        long end = ((span.Off * stepsPerQuarter) + ticksPerQuarter - 1) / ticksPerQuarter;
        return Math.Max(end, first + 1);
    }

    private readonly record struct NoteSpan(int Pitch, long On, long Off);
}
