using NAudio.Midi;

namespace RollNet.Tests.Data;

/// <summary>Writes small MIDI files with NAudio, the way another program would, for the reader to be tested on.</summary>
internal static class MidiTestFiles
{
    public const int Loud = 100;

    /// <summary>A note-on and a note-off (a real note-off event, or a note-on of velocity 0).</summary>
    public static MidiEvent[] Note(int channel, int pitch, long on, long off, bool velocityZeroOff = false) =>
    [
        new NoteEvent(on, channel, MidiCommandCode.NoteOn, pitch, Loud),
        velocityZeroOff
            ? new NoteEvent(off, channel, MidiCommandCode.NoteOn, pitch, 0)
            : new NoteEvent(off, channel, MidiCommandCode.NoteOff, pitch, 0),
    ];

    public static TempoEvent Tempo(double beatsPerMinute, long tick) => new((int)Math.Round(60_000_000 / beatsPerMinute), tick);

    /// <summary>
    /// The first nine sixteenths of Für Elise (E D♯ E D♯ E B D C A), each a full sixteenth at 480 ticks a quarter, as a
    /// score writes them: exact on 4 steps a quarter note; on 1, its Es and D♯s merge and its notes run together.
    /// </summary>
    public static MidiEvent[] FurEliseOpening() =>
        [.. new[] { 76, 75, 76, 75, 76, 71, 74, 72, 69 }.SelectMany((pitch, i) => Note(1, pitch, i * 120L, (i + 1) * 120L))];

    /// <summary>Exports the tracks as they are (format 0 takes exactly one); NAudio sorts them and adds end-of-track.</summary>
    public static void Write(string path, int format, int ticksPerQuarter, params IEnumerable<MidiEvent>[] tracks) =>
        File.WriteAllBytes(path, Bytes(format, ticksPerQuarter, tracks));

    /// <summary>The file <see cref="Write"/> writes, as bytes.</summary>
    public static byte[] Bytes(int format, int ticksPerQuarter, params IEnumerable<MidiEvent>[] tracks)
    {
        var events = new MidiEventCollection(format, ticksPerQuarter);
        foreach (IEnumerable<MidiEvent> track in tracks)
        {
            events.AddTrack([.. track]);
        }

        events.PrepareForExport();
        using var stream = new MemoryStream();
        MidiFile.Export(stream, events);
        return stream.ToArray();
    }
}
