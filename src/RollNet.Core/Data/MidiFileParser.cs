using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RollNet.Data;

/// <summary>
/// Reads a standard MIDI file (any format, any number of tracks, in a RIFF-RMID wrapper or not) straight from its bytes
/// into the spans of its held keys, the end of its longest track and the grid a text event at tick 0 records: one
/// pass over the events, no object for each, so that time and memory grow with the file and its notes.
/// </summary>
/// <remarks>
/// NAudio's reader, used before, matched every note-off against a list of the notes still held, so a file holding
/// thousands of notes down at once took time growing with their square, and it made an object of every event. The
/// events are read as NAudio read them: running status from channel messages only, delta times of at most four
/// bytes, the time of a format 0 file's tracks running on from one to the next, events after a track's end read. Where
/// NAudio skipped a malformed event, or read a system exclusive message up to its end byte rather than by its length
/// (as the standard has it), the file is refused or read as the standard says.
/// </remarks>
internal static class MidiFileParser
{
    private const int DrumChannel = 9, Channels = 16, MidiPitches = 128;

    /// <summary>
    /// Reads <paramref name="file"/>, named <paramref name="source"/> in errors; throws <see cref="DatasetException"/>
    /// when it is no MIDI file this reads or uses SMPTE time.
    /// </summary>
    public static ParsedMidi Parse(ReadOnlySpan<byte> file, string source)
    {
        var bytes = new Cursor(file, source);
        if (bytes.Next("RIFF"u8))
        {
            SkipRmidWrapper(ref bytes);
        }

        if (!bytes.Next("MThd"u8))
        {
            throw bytes.Unreadable("its header chunk is missing");
        }

        uint headerLength = bytes.UInt32();
        if (headerLength != 6)
        {
            throw bytes.Unreadable($"its header chunk is {headerLength} bytes long, not 6");
        }

        int format = bytes.UInt16(), tracks = bytes.UInt16(), ticksPerQuarter = bytes.UInt16();
        if (ticksPerQuarter is 0 or >= 0x8000)
        {
            throw new DatasetException(source,
                $"time division 0x{ticksPerQuarter:X4} is not a positive number of ticks per quarter note (SMPTE time is not supported)");
        }

        var notes = new HeldNotes();
        long time = 0, endTick = 0;
        int? recorded = null;
        for (int track = 1; track <= tracks; track++)
        {
            if (format != 0)
            {
                time = 0;
            }

            (long trackEnd, int? grid) = ReadTrack(ref bytes, track, ref time, notes);
            endTick = Math.Max(endTick, trackEnd);
            recorded ??= grid;
        }

        return new ParsedMidi(notes.Spans, endTick, ticksPerQuarter, recorded);
    }

    /// <summary>Moves past a RIFF-RMID wrapper's chunks to the standard MIDI file in its "data" chunk.</summary>
    private static void SkipRmidWrapper(ref Cursor bytes)
    {
        bytes.Skip(sizeof(uint));
        if (!bytes.Next("RMID"u8))
        {
            throw bytes.Unreadable("it is a RIFF file, but not of the RMID form");
        }

        while (!bytes.Next("data"u8))
        {
            bytes.Skip(4);
            uint length = bytes.UInt32LittleEndian();
            bytes.Skip(length + (length & 1));
        }

        bytes.Skip(sizeof(uint));
    }

    /// <summary>
    /// Reads one track chunk, adding the spans of the notes held in it; returns the time of its last event (0 when it
    /// has none) and the grid recorded by a text event among its events at tick 0, if any.
    /// </summary>
    private static (long End, int? Grid) ReadTrack(ref Cursor bytes, int track, ref long time, HeldNotes notes)
    {
        if (!bytes.Next("MTrk"u8))
        {
            throw bytes.Unreadable($"track {track} does not start with a track chunk header");
        }

        uint length = bytes.UInt32();
        long end = bytes.Position + length;
        long last = 0;
        int? grid = null;
        bool atStart = true;
        int status = 0;
        while (bytes.Position < end)
        {
            time += bytes.VariableLength(track);
            int command = bytes.Byte();
            if (command < 0x80)
            {
                // Running status: a data byte repeats the last channel message's status.
                command = status != 0 ? status : throw bytes.Unreadable($"track {track} has a data byte where a status byte belongs");
                bytes.Back();
            }

            atStart &= time == 0;
            last = time;
            if (command < 0xF0)
            {
                status = command;
                int data1 = bytes.Byte(), data2 = (command & 0xF0) is 0xC0 or 0xD0 ? 0 : bytes.Byte();
                if ((command & 0xF0) is 0x80 or 0x90 && (command & 0x0F) != DrumChannel)
                {
                    notes.Change(command & 0x0F, data1, time, on: (command & 0xF0) == 0x90 && data2 > 0);
                }
            }
            else if (command == 0xFF)
            {
                int type = bytes.Byte();
                ReadOnlySpan<byte> data = bytes.Take(bytes.VariableLength(track));
                if (type == 0x01 && atStart)
                {
                    grid ??= RecordedGrid(data);
                }
            }
            else if (command is 0xF0 or 0xF7)
            {
                bytes.Skip((uint)bytes.VariableLength(track));
            }
            else if (command is not (0xF8 or 0xFA or 0xFB or 0xFC))
            {
                throw bytes.Unreadable($"track {track} has status byte 0x{command:X2}, which no MIDI file event starts with");
            }
        }

        if (bytes.Position != end)
        {
            throw bytes.Unreadable($"an event of track {track} runs past the end of its chunk");
        }

        notes.EndTrack(last);
        return (last, grid);
    }

    /// <summary>The grid a text event records as <see cref="MidiRollWriter"/> writes it, if it is one that could be written.</summary>
    private static int? RecordedGrid(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> prefix = Encoding.ASCII.GetBytes(MidiRollWriter.GridText);
        return text.StartsWith(prefix) &&
            int.TryParse(Encoding.Latin1.GetString(text[prefix.Length..]), NumberStyles.None, CultureInfo.InvariantCulture, out int grid) &&
            MidiRollWriter.Writes(grid)
            ? grid
            : null;
    }

    /// <summary>
    /// The spans during which each pitch is held on each channel of a track. A key sounds while at least one note of
    /// its pitch is held; overlapping notes merge until the last ends; a note never released lasts to its track's end.
    /// </summary>
    private sealed class HeldNotes
    {
        private readonly int[] _held = new int[Channels * MidiPitches];
        private readonly long[] _since = new long[Channels * MidiPitches];

        // The slots held at some time in the track, so that its end visits only them.
        private readonly List<int> _touched = [];

        public List<MidiNoteSpan> Spans { get; } = [];

        public void Change(int channel, int pitch, long time, bool on)
        {
            if (pitch is < PianoRoll.LowestPitch or > PianoRoll.HighestPitch)
            {
                return;
            }

            int slot = (channel * MidiPitches) + pitch;
            if (on)
            {
                if (_held[slot]++ == 0)
                {
                    _since[slot] = time;
                    _touched.Add(slot);
                }
            }
            else if (_held[slot] > 0 && --_held[slot] == 0)
            {
                Spans.Add(new MidiNoteSpan(pitch, _since[slot], time));
            }
        }

        public void EndTrack(long end)
        {
            _touched.Sort();
            foreach (int slot in _touched.Distinct())
            {
                if (_held[slot] > 0)
                {
                    Spans.Add(new MidiNoteSpan(slot % MidiPitches, _since[slot], end));
                    _held[slot] = 0;
                }
            }

            _touched.Clear();
        }
    }

    /// <summary>A position in the file's bytes, which reads big-endian numbers and refuses to read past the end.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> file, string source)
    {
        private readonly ReadOnlySpan<byte> _file = file;
        private int _position;

        public readonly long Position => _position;

        /// <summary>Whether the next bytes are <paramref name="tag"/>, moving past them if so.</summary>
        public bool Next(ReadOnlySpan<byte> tag)
        {
            bool found = _file[_position..].StartsWith(tag);
            _position += found ? tag.Length : 0;
            return found;
        }

        public int Byte() => Take(1)[0];

        public void Back() => _position--;

        public int UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(sizeof(ushort)));

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(sizeof(uint)));

        public uint UInt32LittleEndian() => BinaryPrimitives.ReadUInt32LittleEndian(Take(sizeof(uint)));

        /// <summary>A variable-length number: seven bits a byte, the top bit set on all but the last, four bytes at most.</summary>
        public int VariableLength(int track)
        {
            int value = 0;
            for (int n = 0; n < 4; n++)
            {
                int b = Byte();
                value = (value << 7) | (b & 0x7F);
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw Unreadable($"track {track} has a variable-length number longer than four bytes");
        }

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count > _file.Length - _position)
            {
                throw Unreadable("the file is cut short");
            }

            ReadOnlySpan<byte> taken = _file.Slice(_position, count);
            _position += count;
            return taken;
        }

        public void Skip(uint count)
        {
            if (count > (uint)(_file.Length - _position))
            {
                throw Unreadable("the file is cut short");
            }

            _position += (int)count;
        }

        public readonly DatasetException Unreadable(string problem) => new(source, $"not a readable MIDI file: {problem}");
    }
}
