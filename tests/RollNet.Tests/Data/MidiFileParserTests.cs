using System.Globalization;
using CsCheck;
using NAudio.Midi;
using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class MidiFileParserTests
{
    /// <summary>
    /// Files of random events as NAudio writes them (one to four tracks; notes on every channel, the drums' too, of
    /// every pitch, overlapping, ended by note-offs or by note-ons of velocity 0; controllers, programs, pitch wheels,
    /// aftertouch; tempos, time signatures, markers and text events, grid records among them): the spans, the end, the
    /// time division and the recorded grid are those NAudio's reader gave the reader before.
    /// </summary>
    [Fact]
    public void ReadsWhatNAudioWritesAsNAudioReadsIt()
    {
        Gen<MidiEvent> midiEvent = Gen.Select(Gen.Int[0, 9], Gen.Int[1, 16], Gen.Int[0, 127], Gen.Int[0, 127], Gen.Long[0, 3_000])
            .Select((kind, channel, a, b, tick) => kind switch
            {
                <= 3 => new NoteEvent(tick, channel, MidiCommandCode.NoteOn, a, b),
                4 => new NoteEvent(tick, channel, MidiCommandCode.NoteOff, a, b),
                5 => new ControlChangeEvent(tick, channel, (MidiController)a, b),
                6 => new PatchChangeEvent(tick, channel, a),
                7 => new PitchWheelChangeEvent(tick, channel, a * b),
                8 => new TextEvent(b % 2 == 0 ? $"rollnet stepsPerQuarter={a % 13}" : "a marker", (MetaEventType)(1 + (a % 7)), tick % 3 == 0 ? 0 : tick),
                _ => (MidiEvent)new TempoEvent(500_000 + a, tick),
            });
        Cases.Check(Gen.Select(midiEvent.Array[0, 40].Array[1, 4], Gen.Int[0, 1], Gen.Int[1, 960]), 500, values =>
        {
            (MidiEvent[][] tracks, int format, int ticksPerQuarter) = values;
            byte[] file = format == 0
                ? MidiTestFiles.Bytes(0, ticksPerQuarter, [.. tracks.SelectMany(t => t)])
                : MidiTestFiles.Bytes(1, ticksPerQuarter, tracks);

            ParsedMidi parsed = MidiFileParser.Parse(file, "random.mid");
            (List<MidiNoteSpan> spans, long end, int? grid) = AsNAudioReadIt(file);

            Assert.Equal(spans, parsed.Spans);
            Assert.Equal(end, parsed.EndTick);
            Assert.Equal(ticksPerQuarter, parsed.TicksPerQuarter);
            Assert.Equal(grid, parsed.RecordedStepsPerQuarter);
        });
    }

    /// <summary>
    /// A file that holds a hundred thousand notes of one key down at once and then lets them go, which NAudio's reader
    /// took time growing with their square to match: read in one pass, allocating nothing for its events.
    /// </summary>
    [Trait("Category", "Hostile")]
    [Fact]
    public void ManyNotesHeldAtOnceAreReadWithoutAnObjectForEach()
    {
        const int Notes = 100_000;
        var track = new List<byte> { 0x00, 0x90, 60, 100 };
        for (int i = 1; i < Notes; i++)
        {
            track.AddRange([0x00, 60, 100]);
        }

        track.AddRange([0x01, 60, 0]);
        for (int i = 1; i < Notes; i++)
        {
            track.AddRange([0x00, 60, 0]);
        }

        byte[] file = [.. Header(0, 1, 1), .. Track([.. track, 0x00, 0xFF, 0x2F, 0x00])];

        ParsedMidi parsed = MidiFileParser.Parse(file, "held.mid");

        // Warm calls, the least of three: an object a note would show in each, the runtime's one-off work in one.
        Assert.InRange(Allocations.LeastPerCall(3, () => MidiFileParser.Parse(file, "held.mid")), 0, 64 << 10);
        Assert.Equal([new MidiNoteSpan(60, 0, 1)], parsed.Spans);
    }

    [Fact]
    public void SystemExclusiveMessagesAreSkippedByTheirLengthAndRunningStatusLastsOverMetaEvents()
    {
        byte[] file = [.. Header(0, 1, 2), .. Track(
            0x00, 0xF0, 0x05, 0x7E, 0x7F, 0xF7, 0x01, 0xF7,    // a system exclusive message holding 0xF7 before its end
            0x00, 0x90, 60, 64,
            0x00, 0xF7, 0x02, 0x01, 0x02,                      // an escape
            0x00, 0xFF, 0x01, 0x03, 0x61, 0x62, 0x63,          // a text event between the two notes
            0x00, 64, 64,                                      // running status from the note before the text
            0x02, 0x80, 60, 0,
            0x00, 64, 0,
            0x00, 0xFF, 0x2F, 0x00,
            0x02, 0xF8)];                                      // a timing clock after the end of the track

        ParsedMidi parsed = MidiFileParser.Parse(file, "sysex.mid");

        Assert.Equal([new MidiNoteSpan(60, 0, 2), new MidiNoteSpan(64, 0, 2)], parsed.Spans);
        Assert.Equal(4, parsed.EndTick);
    }

    [Fact]
    public void AMidiFileInARiffWrapperIsRead()
    {
        byte[] midi = [.. Header(0, 1, 1), .. Track(0x00, 0x90, 60, 64, 0x01, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00)];
        byte[] info = "INFOabc"u8.ToArray();
        byte[] file = [.. "RIFF"u8, .. LittleEndian(4 + 8 + info.Length + 1 + 8 + midi.Length), .. "RMID"u8,
            .. "LIST"u8, .. LittleEndian(info.Length), .. info, 0x00, .. "data"u8, .. LittleEndian(midi.Length), .. midi];

        Assert.Equal([new MidiNoteSpan(60, 0, 1)], MidiFileParser.Parse(file, "wrapped.rmi").Spans);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 60, 64 }, "track 1 has a data byte where a status byte belongs")]
    [InlineData(new byte[] { 0x00, 0xF4 }, "track 1 has status byte 0xF4, which no MIDI file event starts with")]
    [InlineData(new byte[] { 0x81, 0x82, 0x83, 0x84, 0x05, 0x90, 60, 64 }, "track 1 has a variable-length number longer than four bytes")]
    [InlineData(new byte[] { 0x00, 0xFF, 0x01, 0x10, 0x61 }, "the file is cut short")]
    public void AMalformedTrackIsRefusedSayingWhy(byte[] events, string problem)
    {
        DatasetException error = Assert.Throws<DatasetException>(() => MidiFileParser.Parse([.. Header(0, 1, 1), .. Track(events)], "bad.mid"));

        Assert.Equal($"not a readable MIDI file: {problem}", error.Problem);
    }

    [Fact]
    public void AnEventThatRunsPastItsChunkIsRefused()
    {
        byte[] track = Track(0x00, 0x90, 60, 64);
        track[7] = 3;

        DatasetException error = Assert.Throws<DatasetException>(() => MidiFileParser.Parse([.. Header(0, 1, 1), .. track], "bad.mid"));

        Assert.Equal("not a readable MIDI file: an event of track 1 runs past the end of its chunk", error.Problem);
    }

    /// <summary>The reader before, as the oracle: NAudio's parse, then the spans of each track's notes and its end.</summary>
    private static (List<MidiNoteSpan> Spans, long End, int? Grid) AsNAudioReadIt(byte[] bytes)
    {
        var file = new MidiFile(new MemoryStream(bytes), strictChecking: false);
        var spans = new List<MidiNoteSpan>();
        long end = 0;
        int? grid = null;
        for (int track = 0; track < file.Tracks; track++)
        {
            IList<MidiEvent> events = file.Events[track];
            long trackEnd = events.Count == 0 ? 0 : events[^1].AbsoluteTime;
            var held = new int[16 * 128];
            var since = new long[16 * 128];
            foreach (NoteEvent note in events.OfType<NoteEvent>().Where(n =>
                n.CommandCode is MidiCommandCode.NoteOn or MidiCommandCode.NoteOff && n.Channel != 10 &&
                n.NoteNumber is >= PianoRoll.LowestPitch and <= PianoRoll.HighestPitch))
            {
                int slot = ((note.Channel - 1) * 128) + note.NoteNumber;
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

            for (int slot = 0; slot < held.Length; slot++)
            {
                if (held[slot] > 0)
                {
                    spans.Add(new MidiNoteSpan(slot % 128, since[slot], trackEnd));
                }
            }

            end = Math.Max(end, trackEnd);
            grid ??= events.TakeWhile(e => e.AbsoluteTime == 0)
                .OfType<TextEvent>()
                .Where(t => t.MetaEventType == MetaEventType.TextEvent && t.Text.StartsWith("rollnet stepsPerQuarter=", StringComparison.Ordinal))
                .Select(t => int.TryParse(t.Text.AsSpan(24), NumberStyles.None, CultureInfo.InvariantCulture, out int g) && g >= 1 && 480 % g == 0 ? g : (int?)null)
                .FirstOrDefault(g => g is not null);
        }

        return (spans, end, grid);
    }

    private static byte[] Header(int format, int tracks, int ticksPerQuarter) =>
        [.. "MThd"u8, 0, 0, 0, 6, 0, (byte)format, 0, (byte)tracks, (byte)(ticksPerQuarter >> 8), (byte)ticksPerQuarter];

    private static byte[] Track(params byte[] events) =>
        [.. "MTrk"u8, (byte)(events.Length >> 24), (byte)(events.Length >> 16), (byte)(events.Length >> 8), (byte)events.Length, .. events];

    private static byte[] LittleEndian(int value) => BitConverter.GetBytes(value);
}
