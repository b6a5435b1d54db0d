namespace RollNet.Data;

/// <summary>
/// A piano roll with the length of its steps: <paramref name="StepsPerQuarter"/> steps make a quarter note.
/// <see cref="PianoRollJson.Read"/> and <see cref="PianoRollJson.Deserialize"/> return one, so a caller keeps the
/// roll's grid to write it as MIDI or WAV.
/// </summary>
public sealed record TimedPianoRoll(PianoRoll Roll, int StepsPerQuarter);
