using System.Globalization;
using NAudio.Midi;
using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// Writes a piano roll as a standard MIDI file: one note per run of consecutive steps of a key, on channel 1 at a
/// fixed velocity, with one tempo event and a text event that records the grid (<c>rollnet stepsPerQuarter=2</c>);
/// <see cref="MidiRollReader"/> reads it back to the same roll, on the same grid.
/// </summary>
public static class MidiRollWriter
{
    /// <summary>The file's ticks per quarter note; divisible by every usual number of steps per quarter.</summary>
    public const int TicksPerQuarter = 480;

    /// <summary>The velocity of every note.</summary>
    public const int Velocity = 80;

    /// <summary>The tempo unless told otherwise, in quarter notes per minute.</summary>
    public const double DefaultBeatsPerMinute = 100;

    /// <summary>
    /// The text event at tick 0 of the first track that records the grid, before its steps per quarter note: other
    /// programs show it as a comment, and <see cref="MidiRollReader.ReadWithReport(string, int?, int)"/> reads the
    /// file on that grid.
    /// </summary>
    internal const string GridText = "rollnet stepsPerQuarter=";

    private const int Channel = 1, MaxMicrosecondsPerQuarter = 0xFFFFFF;

    // A MIDI event's time since the one before is a variable-length number of at most 28 bits, and one note or one
    // silence may last the whole roll.
    private const long MaxTicks = 0x0FFFFFFF;

    /// <summary>
    /// Writes <paramref name="roll"/> to <paramref name="path"/> atomically (a temporary file beside it, then a
    /// rename), as MIDI format 1 (a tempo track and a note track) or 0 (one track). Throws
    /// <see cref="ArgumentOutOfRangeException"/> when <paramref name="stepsPerQuarter"/> does not divide
    /// <see cref="TicksPerQuarter"/>, the roll is longer than a MIDI file can time (2²⁸ ticks, over 550,000 steps at
    /// 1 per quarter note; the message then names <paramref name="path"/>), the tempo cannot be written, or
    /// <paramref name="format"/> is not 0 or 1.
    /// </summary>
    public static void Write(
        string path,
        PianoRoll roll,
        int stepsPerQuarter = MidiRollReader.DefaultStepsPerQuarter,
        double beatsPerMinute = DefaultBeatsPerMinute,
        int format = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        MidiEventCollection events = Compose(roll, stepsPerQuarter, beatsPerMinute, format, path);
        AtomicFile.Write(path, stream => MidiFile.Export(stream, events));
    }

    /// <summary>Writes <paramref name="roll"/> to <paramref name="stream"/>; throws as <see cref="Write(string, PianoRoll, int, double, int)"/> does.</summary>
    public static void Write(
        Stream stream,
        PianoRoll roll,
        int stepsPerQuarter = MidiRollReader.DefaultStepsPerQuarter,
        double beatsPerMinute = DefaultBeatsPerMinute,
        int format = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MidiFile.Export(stream, Compose(roll, stepsPerQuarter, beatsPerMinute, format, path: null));
    }

    private static MidiEventCollection Compose(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, int format,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(roll);
        if (stepsPerQuarter < 1 || TicksPerQuarter % stepsPerQuarter != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerQuarter), stepsPerQuarter,
                $"steps per quarter note must divide {TicksPerQuarter}, so that every step starts on a whole tick");
        }

        int ticksPerStep = TicksPerQuarter / stepsPerQuarter;
        if ((long)roll.Steps * ticksPerStep > MaxTicks)
        {
            string where = path is null ? "" : $"{path}: ";
            throw new ArgumentOutOfRangeException(nameof(roll),
                $"{where}a roll of {roll.Steps:N0} steps is longer than a MIDI file can time at {stepsPerQuarter} per quarter note (at most {MaxTicks / ticksPerStep:N0} steps)");
        }

        // The tempo event holds microseconds per quarter note in 24 bits.
        double microseconds = Math.Round(60_000_000 / beatsPerMinute);
        if (!double.IsFinite(microseconds) || microseconds < 1 || microseconds > MaxMicrosecondsPerQuarter)
        {
            throw new ArgumentOutOfRangeException(nameof(beatsPerMinute), beatsPerMinute,
                "the tempo must be between about 3.6 and 60,000,000 quarter notes per minute");
        }

        if (format is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "the MIDI file format must be 0 or 1");
        }

        return Compose(roll, stepsPerQuarter, (int)microseconds, format);
    }

    private static MidiEventCollection Compose(PianoRoll roll, int stepsPerQuarter, int microsecondsPerQuarter, int format)
    {
        var events = new MidiEventCollection(format, TicksPerQuarter);
        int noteTrack = format == 0 ? 0 : 1, ticksPerStep = TicksPerQuarter / stepsPerQuarter;
        long endTick = (long)roll.Steps * ticksPerStep;
        events.AddEvent(new TextEvent(GridText + stepsPerQuarter.ToString(CultureInfo.InvariantCulture), MetaEventType.TextEvent, 0), 0);
        events.AddEvent(new TempoEvent(microsecondsPerQuarter, 0), 0);
        foreach (RollNote note in roll.Notes())
        {
            events.AddEvent(new NoteEvent((long)note.Start * ticksPerStep, Channel, MidiCommandCode.NoteOn, note.Pitch,
                Velocity), noteTrack);
            events.AddEvent(new NoteEvent((long)note.End * ticksPerStep, Channel, MidiCommandCode.NoteOff, note.Pitch, 0),
                noteTrack);
        }

        // Every track ends where the roll does, so that trailing silent steps survive the round trip.
        events.AddEvent(new MetaEvent(MetaEventType.EndTrack, 0, endTick), 0);
        if (format == 1)
        {
            events.AddEvent(new MetaEvent(MetaEventType.EndTrack, 0, endTick), noteTrack);
        }

        events.PrepareForExport();
        return events;
    }
}
