namespace RollNet.Data;

/// <summary>A MIDI file read as the spans of its held keys, before any grid.</summary>
internal sealed record ParsedMidi(List<MidiNoteSpan> Spans, long EndTick, int TicksPerQuarter, int? RecordedStepsPerQuarter)
{
    public PianoRoll Quantise(int stepsPerQuarter, string source, int maxSteps = MidiRollReader.MaxSteps)
    {
        int most = Math.Min(maxSteps, MidiRollReader.MaxSteps);
        // Every tick is at most the end's; an end past what any grid could hold is refused before the rounding,
        // whose products could overflow a long for it (a file's deltas add up to far more than 2²⁸ ticks).
        if (EndTick > (long)(MidiRollReader.MaxSteps + 1) * TicksPerQuarter)
        {
            Int128 endStep = ((2 * (Int128)EndTick * stepsPerQuarter) + TicksPerQuarter) / (2 * TicksPerQuarter);
            throw new DatasetException(source,
                $"the piece is {endStep} steps long at {stepsPerQuarter} per quarter note, more than the {most} allowed");
        }

        long steps = MidiRollReader.RoundToStep(EndTick, stepsPerQuarter, TicksPerQuarter);
        foreach (MidiNoteSpan span in Spans)
        {
            steps = Math.Max(steps, MidiRollReader.EndStep(span, stepsPerQuarter, TicksPerQuarter));
        }

        if (steps > most)
        {
            throw new DatasetException(source,
                $"the piece is {steps} steps long at {stepsPerQuarter} per quarter note, more than the {most} allowed");
        }

        // Each key's spans may overlap (one pitch on several channels or tracks): marking the furthest end that
        // starts at each step, then sweeping, fills each step once however many spans cover it.
        var roll = new PianoRoll((int)steps);
        var reach = new int[steps];
        foreach (IGrouping<int, MidiNoteSpan> key in Spans.GroupBy(span => span.Pitch))
        {
            Array.Clear(reach);
            foreach (MidiNoteSpan span in key)
            {
                int first = (int)MidiRollReader.RoundToStep(span.On, stepsPerQuarter, TicksPerQuarter);
                reach[first] = Math.Max(reach[first], (int)MidiRollReader.EndStep(span, stepsPerQuarter, TicksPerQuarter));
            }

            for (int t = 0, until = 0; t < steps; t++)
            {
                until = Math.Max(until, reach[t]);
                if (t < until)
                {
                    roll[t, key.Key - PianoRoll.LowestPitch] = true;
                }
            }
        }

        return roll;
    }
}
