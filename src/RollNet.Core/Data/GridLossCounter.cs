namespace RollNet.Data;

/// <summary>
/// Counts the notes of a MIDI file that a grid loses (see <see cref="QuantisationReport"/>), for as many grids as
/// asked: the notes are sorted once, by key and by onset, and each grid is then one pass over them.
/// </summary>
internal sealed class GridLossCounter
{
    private readonly IReadOnlyList<MidiNoteSpan> _spans;
    private readonly int _ticksPerQuarter;
    private readonly int[] _byKey, _byOnset;
    private readonly bool[] _lost;

    public GridLossCounter(IReadOnlyList<MidiNoteSpan> spans, int ticksPerQuarter)
    {
        (_spans, _ticksPerQuarter) = (spans, ticksPerQuarter);
        _byKey = [.. Enumerable.Range(0, spans.Count).OrderBy(i => spans[i].Pitch).ThenBy(i => spans[i].On)];
        _byOnset = [.. Enumerable.Range(0, spans.Count).OrderBy(i => spans[i].On)];
        _lost = new bool[spans.Count];
    }

    /// <summary>The notes merged, run together, and either (each once) on a grid of <paramref name="stepsPerQuarter"/>.</summary>
    public Losses Count(int stepsPerQuarter)
    {
        Array.Clear(_lost);
        int merged = 0, runTogether = 0;

        // Merged: a note that a silence parts from the notes of its key before it, but whose first step the grid puts
        // at or before the end of their steps, so that the roll holds the key through.
        long tickEnd = 0, stepEnd = 0;
        for (int i = 0; i < _byKey.Length; i++)
        {
            MidiNoteSpan span = _spans[_byKey[i]];
            long end = MidiRollReader.EndStep(span, stepsPerQuarter, _ticksPerQuarter);
            if (i > 0 && _spans[_byKey[i - 1]].Pitch == span.Pitch)
            {
                if (span.On > tickEnd && MidiRollReader.RoundToStep(span.On, stepsPerQuarter, _ticksPerQuarter) <= stepEnd)
                {
                    merged++;
                    _lost[_byKey[i]] = true;
                }

                (tickEnd, stepEnd) = (Math.Max(tickEnd, span.Off), Math.Max(stepEnd, end));
            }
            else
            {
                (tickEnd, stepEnd) = (span.Off, end);
            }
        }

        // Run together: onsets apart in the file that round to one step. Rounding keeps their order, so each onset
        // need only be compared with the one before it; notes struck together in the file share the first one's fate.
        bool previousRan = false;
        for (int i = 1; i < _byOnset.Length; i++)
        {
            long on = _spans[_byOnset[i]].On, before = _spans[_byOnset[i - 1]].On;
            bool runs = on == before
                ? previousRan
                : MidiRollReader.RoundToStep(on, stepsPerQuarter, _ticksPerQuarter) ==
                  MidiRollReader.RoundToStep(before, stepsPerQuarter, _ticksPerQuarter);
            if (runs)
            {
                runTogether++;
                _lost[_byOnset[i]] = true;
            }

            previousRan = runs;
        }

        return new Losses(merged, runTogether, _lost.Count(lost => lost));
    }

    /// <summary>What one grid loses: notes merged, run together, and either.</summary>
    public readonly record struct Losses(int Merged, int RunTogether, int Lost);
}
