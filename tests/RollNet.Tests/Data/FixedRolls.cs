using RollNet.Data;

namespace RollNet.Tests.Data;

/// <summary>
/// Rolls whose files were recorded byte for byte, each with the grid, tempo and MIDI format it was written with: random
/// ones, silent ones, one without steps, one sounding every key to its end, and two chords in turn.
/// </summary>
internal static class FixedRolls
{
    public static readonly IReadOnlyDictionary<string, (PianoRoll Roll, int StepsPerQuarter, double BeatsPerMinute, int Format)> Midi =
        new Dictionary<string, (PianoRoll, int, double, int)>
        {
            ["random 64 steps, 2 a quarter, format 1"] = (MidiRollReaderTests.RandomRoll(64, seed: 1), 2, 100, 1),
            ["random 64 steps, 4 a quarter, format 0"] = (MidiRollReaderTests.RandomRoll(64, seed: 2), 4, 100, 0),
            ["random 200 steps, 1 a quarter at 72.5, format 1"] = (MidiRollReaderTests.RandomRoll(200, seed: 5), 1, 72.5, 1),
            ["silent 6 steps, format 1"] = (new PianoRoll(6), 2, 100, 1),
            ["silent 6 steps, format 0"] = (new PianoRoll(6), 2, 100, 0),
            ["no steps, format 0"] = (new PianoRoll(0), 2, 100, 0),
            ["every key 3 steps, 480 a quarter, format 1"] = (EveryKey(3), 480, 100, 1),
            ["two chords in turn, 32 steps"] = (TwoChords(32), 2, 100, 1),
        };

    /// <summary>C major and D minor in turn, a step each: three notes end and three begin at every step.</summary>
    public static PianoRoll TwoChords(int steps)
    {
        int[][] chords = [[60, 64, 67], [62, 65, 69]];
        return PianoRoll.FromPitches([.. Enumerable.Range(0, steps).Select(t => chords[t % 2])]);
    }

    private static PianoRoll EveryKey(int steps)
    {
        var roll = new PianoRoll(steps);
        for (int t = 0; t < steps; t++)
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                roll[t, k] = true;
            }
        }

        return roll;
    }
}
