namespace RollNet.Data;

/// <summary>
/// A note of a piano roll: a run of consecutive steps in which one key sounds. <see cref="PianoRoll.Notes"/> yields
/// them so a caller can go through a roll note by note.
/// </summary>
/// <param name="Key">0..87, key 0 being MIDI pitch 21.</param>
/// <param name="Start">The first step.</param>
/// <param name="Steps">How many steps it lasts (at least 1).</param>
public readonly record struct RollNote(int Key, int Start, int Steps)
{
    /// <summary>The MIDI pitch.</summary>
    public int Pitch => Key + PianoRoll.LowestPitch;

    /// <summary>The step after its last.</summary>
    public int End => Start + Steps;
}
