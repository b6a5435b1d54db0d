using System.Globalization;
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
/// and the end of the longest track, rounded to the nearest step. <see cref="ReadWithReport(string, int?, int)"/>
/// also reads the grid a file records, as <see cref="MidiRollWriter"/> records it, and counts what the grid loses.
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
        return Parse(stream, source).Quantise(stepsPerQuarter, source);
    }

    /// <summary>
    /// Reads <paramref name="path"/> on <paramref name="stepsPerQuarter"/> steps to a quarter note when given, else on
    /// the grid the file records (<see cref="MidiRollWriter"/> records its grid), else on
    /// <paramref name="fallbackStepsPerQuarter"/>, and reports what that grid did to the file's notes. Throws as
    /// <see cref="Read(string, int)"/> does.
    /// </summary>
    public static MidiRollReading ReadWithReport(string path, int? stepsPerQuarter = null,
        int fallbackStepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new MemoryStream(DataFile.ReadAllBytes(path), writable: false);
        return ReadWithReport(stream, path, stepsPerQuarter, fallbackStepsPerQuarter);
    }

    /// <summary>
    /// Reads a MIDI file from <paramref name="stream"/>, named <paramref name="source"/> in errors, on the grid that
    /// <see cref="ReadWithReport(string, int?, int)"/> chooses, and reports what that grid did to its notes.
    /// </summary>
    public static MidiRollReading ReadWithReport(Stream stream, string source, int? stepsPerQuarter = null,
        int fallbackStepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (stepsPerQuarter is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 1, nameof(stepsPerQuarter));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(fallbackStepsPerQuarter, 1);
        ParsedMidi parsed = Parse(stream, source);
        int grid = stepsPerQuarter ?? parsed.RecordedStepsPerQuarter ?? fallbackStepsPerQuarter;
        PianoRoll roll = parsed.Quantise(grid, source);
        return new MidiRollReading(roll, grid, parsed.RecordedStepsPerQuarter,
            QuantisationReport.Measure(parsed.Spans, parsed.TicksPerQuarter, grid));
    }

    /// <summary>The nearest step to <paramref name="tick"/>, halves rounded up; exact in integers.</summary>
    internal static long RoundToStep(long tick, int stepsPerQuarter, int ticksPerQuarter) =>
        ((2 * tick * stepsPerQuarter) + ticksPerQuarter) / (2L * ticksPerQuarter);

    /// <summary>One past the last step a span covers: the steps that start before it ends, and at least one.</summary>
    internal static long EndStep(MidiNoteSpan span, int stepsPerQuarter, int ticksPerQuarter)
    {
        long first = RoundToStep(span.On, stepsPerQuarter, ticksPerQuarter);
        long end = ((span.Off * stepsPerQuarter) + ticksPerQuarter - 1) / ticksPerQuarter;
        return Math.Max(end, first + 1);
    }

    private static ParsedMidi Parse(Stream stream, string source)
    {
        MidiFile file = Open(stream, source);
        int ticksPerQuarter = file.DeltaTicksPerQuarterNote;
        if (ticksPerQuarter is 0 or >= 0x8000)
        {
            throw new DatasetException(source,
                $"time division 0x{ticksPerQuarter:X4} is not a positive number of ticks per quarter note (SMPTE time is not supported)");
        }

        var spans = new List<MidiNoteSpan>();
        long endTick = 0;
        int? recorded = null;
        for (int track = 0; track < file.Tracks; track++)
        {
            IList<MidiEvent> events = file.Events[track];
            long trackEnd = events.Count == 0 ? 0 : events[^1].AbsoluteTime;
            CollectSpans(events, trackEnd, spans);
            endTick = Math.Max(endTick, trackEnd);
            recorded ??= RecordedGrid(events);
        }

        return new ParsedMidi(spans, endTick, ticksPerQuarter, recorded);
    }

    /// <summary>The grid a text event at tick 0 records as <see cref="MidiRollWriter"/> writes it, if any is one it could write.</summary>
    private static int? RecordedGrid(IList<MidiEvent> events)
    {
        foreach (MidiEvent midiEvent in events)
        {
            if (midiEvent.AbsoluteTime > 0)
            {
                break;
            }

            if (midiEvent is TextEvent { MetaEventType: MetaEventType.TextEvent } text &&
                text.Text.StartsWith(MidiRollWriter.GridText, StringComparison.Ordinal) &&
                int.TryParse(text.Text.AsSpan(MidiRollWriter.GridText.Length), NumberStyles.None, CultureInfo.InvariantCulture,
                    out int grid) &&
                grid >= 1 && MidiRollWriter.TicksPerQuarter % grid == 0)
            {
                return grid;
            }
        }

        return null;
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
    private static void CollectSpans(IList<MidiEvent> events, long trackEnd, List<MidiNoteSpan> spans)
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
                spans.Add(new MidiNoteSpan(note.NoteNumber, since[slot], note.AbsoluteTime));
            }
        }

        // A note never released sounds to the end of its track.
        for (int slot = 0; slot < held.Length; slot++)
        {
            if (held[slot] > 0)
            {
                spans.Add(new MidiNoteSpan(slot % MidiPitches, since[slot], trackEnd));
            }
        }
    }

    /// <summary>A MIDI file read as the spans of its held keys, before any grid.</summary>
    private sealed record ParsedMidi(List<MidiNoteSpan> Spans, long EndTick, int TicksPerQuarter, int? RecordedStepsPerQuarter)
    {
        public PianoRoll Quantise(int stepsPerQuarter, string source)
        {
            long steps = RoundToStep(EndTick, stepsPerQuarter, TicksPerQuarter);
            foreach (MidiNoteSpan span in Spans)
            {
                steps = Math.Max(steps, EndStep(span, stepsPerQuarter, TicksPerQuarter));
            }

            if (steps > MaxSteps)
            {
                throw new DatasetException(source,
                    $"the piece would take {steps} steps at {stepsPerQuarter} per quarter note, more than the {MaxSteps} allowed");
            }

            var roll = new PianoRoll((int)steps);
            foreach (MidiNoteSpan span in Spans)
            {
                long first = RoundToStep(span.On, stepsPerQuarter, TicksPerQuarter);
                long end = EndStep(span, stepsPerQuarter, TicksPerQuarter);
                for (long t = first; t < end; t++)
                {
                    roll[(int)t, span.Pitch - PianoRoll.LowestPitch] = true;
                }
            }

            return roll;
        }
    }
}
