namespace RollNet.Data;

/// <summary>How much music a set of rolls holds.</summary>
/// <param name="Sequences">Rolls.</param>
/// <param name="Frames">Time steps in all rolls.</param>
/// <param name="MeanNotesPerFrame">Keys sounding per step, on average (0 when there is no step).</param>
/// <param name="LowestPitch">The lowest MIDI pitch that sounds, or null when none does.</param>
/// <param name="HighestPitch">The highest MIDI pitch that sounds, or null when none does.</param>
internal sealed record RollStatistics(int Sequences, long Frames, double MeanNotesPerFrame, int? LowestPitch, int? HighestPitch)
{
    /// <summary>The statistics of <paramref name="rolls"/>.</summary>
    public static RollStatistics Of(IReadOnlyList<PianoRoll> rolls)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        long frames = 0, notes = 0;
        int lowest = int.MaxValue, highest = int.MinValue;
        foreach (PianoRoll roll in rolls)
        {
            frames += roll.Steps;
            for (int t = 0; t < roll.Steps; t++)
            {
                int[] pitches = roll.PitchesAt(t);
                notes += pitches.Length;
                if (pitches.Length > 0)
                {
                    lowest = Math.Min(lowest, pitches[0]);
                    highest = Math.Max(highest, pitches[^1]);
                }
            }
        }

        return notes == 0
            ? new RollStatistics(rolls.Count, frames, 0, null, null)
            : new RollStatistics(rolls.Count, frames, (double)notes / frames, lowest, highest);
    }
}
