using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// Writes a piano roll as a standard MIDI file: one note per run of consecutive steps of a key, on channel 1 at a
/// fixed velocity, with one tempo event and a text event that records the grid (<c>rollnet stepsPerQuarter=2</c>);
/// <see cref="MidiRollReader"/> reads it back to the same roll, on the same grid.
/// </summary>
/// <remarks>
/// The events are made in one pass over the steps, already in time order, and encoded straight into the file's bytes,
/// the same bytes NAudio exports for them: the cost grows with the steps and the notes. Handing NAudio's event list
/// every note, key by key, grew with the square of the notes, since its in-place merge sort moves events one place at a
/// time.
/// </remarks>
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

    private const int MaxMicrosecondsPerQuarter = 0xFFFFFF;

    // Status bytes on channel 1, and the meta events written.
    private const byte NoteOn = 0x90, NoteOff = 0x80, Meta = 0xFF, TextMeta = 0x01, TempoMeta = 0x51, EndTrackMeta = 0x2F;

    // A MIDI event's time since the one before is a variable-length number of at most 28 bits, and one note or one
    // silence may last the whole roll.
    private const long MaxTicks = 0x0FFFFFFF;

    /// <summary>
    /// Writes <paramref name="roll"/> to <paramref name="path"/> atomically (a temporary file beside it, then a
    /// rename), as MIDI format 1 (a tempo track and a note track) or 0 (one track). Throws
    /// <see cref="ArgumentOutOfRangeException"/> when <paramref name="stepsPerQuarter"/> does not divide
    /// <see cref="TicksPerQuarter"/>, the roll is longer than a MIDI file can time (2²⁸ ticks, over 550,000 steps at
    /// 1 per quarter note), the tempo cannot be written, or <paramref name="format"/> is not 0 or 1; the messages of
    /// the first two name <paramref name="path"/>.
    /// </summary>
    public static void Write(
        string path,
        PianoRoll roll,
        int stepsPerQuarter = MidiRollReader.DefaultStepsPerQuarter,
        double beatsPerMinute = DefaultBeatsPerMinute,
        int format = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file = Encode(roll, stepsPerQuarter, beatsPerMinute, format, path);
        AtomicFile.Write(path, stream => stream.Write(file));
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
        stream.Write(Encode(roll, stepsPerQuarter, beatsPerMinute, format, path: null));
    }

    /// <summary>Whether a roll can be written on <paramref name="stepsPerQuarter"/>: every step starts on a whole tick.</summary>
    internal static bool Writes(int stepsPerQuarter) => stepsPerQuarter >= 1 && TicksPerQuarter % stepsPerQuarter == 0;

    private static byte[] Encode(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, int format, string? path)
    {
        ArgumentNullException.ThrowIfNull(roll);
        string where = path is null ? "" : $"{path}: ";
        if (!Writes(stepsPerQuarter))
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerQuarter), stepsPerQuarter,
                $"{where}steps per quarter note must divide {TicksPerQuarter}, so that every step starts on a whole tick");
        }

        int ticksPerStep = TicksPerQuarter / stepsPerQuarter;
        if ((long)roll.Steps * ticksPerStep > MaxTicks)
        {
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

        // A first pass only counts the bytes, so that the file is made in one array of its own size.
        var counter = new MidiFileBytes(null);
        int length = WriteFile(ref counter, roll, stepsPerQuarter, (int)microseconds, format);
        var file = new byte[length];
        var writer = new MidiFileBytes(file);
        WriteFile(ref writer, roll, stepsPerQuarter, (int)microseconds, format);
        return file;
    }

    /// <summary>
    /// Writes the whole file, as a MIDI library would export it: the grid's text and the tempo at tick 0, then the
    /// notes in time order (at one tick, key by key), and every track's end where the roll ends. Format 1 leaves out
    /// the note track of a silent roll. Returns the file's length.
    /// </summary>
    private static int WriteFile(ref MidiFileBytes writer, PianoRoll roll, int stepsPerQuarter, int microsecondsPerQuarter,
        int format)
    {
        int ticksPerStep = TicksPerQuarter / stepsPerQuarter;

        // Trailing silent steps survive the round trip because every track ends where the roll does.
        long endTick = (long)roll.Steps * ticksPerStep;
        bool noteTrack = format == 1 && HasNotes(roll);
        writer.FileHeader(format, noteTrack ? 2 : 1);

        int track = writer.StartTrack();
        writer.Meta(0, TextMeta, Encoding.ASCII.GetBytes(GridText + stepsPerQuarter.ToString(CultureInfo.InvariantCulture)));
        Span<byte> tempo = stackalloc byte[3];
        tempo[0] = (byte)(microsecondsPerQuarter >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(tempo[1..], (ushort)microsecondsPerQuarter);
        writer.Meta(0, TempoMeta, tempo);
        if (format == 0)
        {
            WriteNotes(ref writer, roll, ticksPerStep);
        }

        writer.Meta(endTick, EndTrackMeta, []);
        writer.EndTrack(track);
        if (noteTrack)
        {
            track = writer.StartTrack();
            WriteNotes(ref writer, roll, ticksPerStep);
            writer.Meta(endTick, EndTrackMeta, []);
            writer.EndTrack(track);
        }

        return writer.Position;
    }

    /// <summary>A note-on where a key starts sounding and a note-off where it stops, step by step, key by key.</summary>
    private static void WriteNotes(ref MidiFileBytes writer, PianoRoll roll, int ticksPerStep)
    {
        for (int t = 0; t <= roll.Steps; t++)
        {
            long tick = (long)t * ticksPerStep;
            for (int key = 0; key < PianoRoll.Keys; key++)
            {
                bool sounds = t < roll.Steps && roll[t, key], sounded = t > 0 && roll[t - 1, key];
                if (sounds != sounded)
                {
                    writer.Note(tick, sounds ? NoteOn : NoteOff, key + PianoRoll.LowestPitch, sounds ? Velocity : 0);
                }
            }
        }
    }

    private static bool HasNotes(PianoRoll roll)
    {
        for (int t = 0; t < roll.Steps; t++)
        {
            for (int key = 0; key < PianoRoll.Keys; key++)
            {
                if (roll[t, key])
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Appends a MIDI file's chunks and events to an array, or, given none, only counts their bytes. Each event's
    /// time is written as the ticks since the one before it in its track.
    /// </summary>
    private struct MidiFileBytes(byte[]? file)
    {
        private long _tick;

        public int Position { readonly get; private set; }

        public void FileHeader(int format, int tracks)
        {
            Bytes("MThd"u8);
            UInt32(6);
            UInt16(format);
            UInt16(tracks);
            UInt16(TicksPerQuarter);
        }

        /// <summary>Starts a track chunk; returns where, for <see cref="EndTrack"/> to write its length.</summary>
        public int StartTrack()
        {
            _tick = 0;
            Bytes("MTrk"u8);
            UInt32(0);
            return Position;
        }

        public readonly void EndTrack(int start)
        {
            if (file is not null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start - sizeof(uint)), (uint)(Position - start));
            }
        }

        public void Note(long tick, byte status, int pitch, int velocity)
        {
            Delta(tick);
            Byte(status);
            Byte((byte)pitch);
            Byte((byte)velocity);
        }

        public void Meta(long tick, byte type, ReadOnlySpan<byte> data)
        {
            Delta(tick);
            Byte(MidiRollWriter.Meta);
            Byte(type);
            VariableLength(data.Length);
            Bytes(data);
        }

        private void Delta(long tick)
        {
            VariableLength((int)(tick - _tick));
            _tick = tick;
        }

        // Seven bits a byte, most significant first, every byte but the last with its top bit set.
        private void VariableLength(int value)
        {
            int shift = 21;
            while (shift > 0 && value >> shift == 0)
            {
                shift -= 7;
            }

            for (; shift > 0; shift -= 7)
            {
                Byte((byte)(0x80 | ((value >> shift) & 0x7F)));
            }

            Byte((byte)(value & 0x7F));
        }

        private void UInt32(uint value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(uint)];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            Bytes(bytes);
        }

        private void UInt16(int value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(ushort)];
            BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
            Bytes(bytes);
        }

        private void Byte(byte value)
        {
            if (file is not null)
            {
                file[Position] = value;
            }

            Position++;
        }

        private void Bytes(ReadOnlySpan<byte> values)
        {
            if (file is not null)
            {
                values.CopyTo(file.AsSpan(Position));
            }

            Position += values.Length;
        }
    }
}
