namespace RollNet.Data;

/// <summary>A span during which one key is held on one channel of a MIDI file, in ticks: from <paramref name="On"/> to <paramref name="Off"/>.</summary>
internal readonly record struct MidiNoteSpan(int Pitch, long On, long Off);
