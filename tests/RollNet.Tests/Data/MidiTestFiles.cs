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

    /// <summary>Exports the tracks as they are (format 0 takes exactly one); NAudio sorts them and adds end-of-track.</summary>
    public static void Write(string path, int format, int ticksPerQuarter, params IEnumerable<MidiEvent>[] tracks)
    {
        var events = new MidiEventCollection(format, ticksPerQuarter);
        foreach (IEnumerable<MidiEvent> track in tracks)
        {
            events.AddTrack([.. track]);
        }

        events.PrepareForExport();
        MidiFile.Export(path, events);
    }
}
