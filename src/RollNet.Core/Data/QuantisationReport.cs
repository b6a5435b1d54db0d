using System.Globalization;

namespace RollNet.Data;

/// <summary>
/// What the grid of <see cref="MidiRollReader"/> did to a MIDI file's notes: how many it merged or ran together, the
/// shortest note, and a finer grid that would lose fewer of them. A caller reads it from
/// <see cref="MidiRollReading.Quantisation"/> to see whether the grid lost notes and which grid to read the file on.
/// </summary>
/// <remarks>
/// A roll cannot tell two touching notes of one key from one long note, nor the order of notes that start on one
/// step. So a grid loses a note in two ways: it <i>merges</i> it with an earlier note of its key that a silence
/// parted from it in the file (Für Elise's repeated E sixteenths at one step a quarter note), or it <i>runs it
/// together</i> with an earlier note of another key by starting both on the same step (its E–D♯ become a chord).
/// Notes that touch or overlap in the file merge on every grid and are not counted. The reader never drops or cuts
/// a note to nothing: one shorter than a step still sounds for one.
/// </remarks>
public sealed class QuantisationReport
{
    /// <summary>
    /// The finest grid suggested, in steps per quarter note: 48 holds 64th-note triplets, finer than the notes of
    /// almost any score, while rolls grow with the grid.
    /// </summary>
    public const int MaxSuggestedStepsPerQuarter = 48;

    private readonly long _shortestTicks;
    private readonly int _ticksPerQuarter;

    private QuantisationReport(int stepsPerQuarter, int notes, GridLossCounter.Losses losses, long shortestTicks, int ticksPerQuarter,
        int? suggested, int suggestedLost)
    {
        StepsPerQuarter = stepsPerQuarter;
        Notes = notes;
        Merged = losses.Merged;
        RunTogether = losses.RunTogether;
        Lost = losses.Lost;
        _shortestTicks = shortestTicks;
        _ticksPerQuarter = ticksPerQuarter;
        SuggestedStepsPerQuarter = suggested;
        SuggestedLost = suggestedLost;
    }

    /// <summary>The grid the file was read on, in steps per quarter note.</summary>
    public int StepsPerQuarter { get; }

    /// <summary>The notes read: each held span of a key on a channel, on the piano's keys and off the drum channel.</summary>
    public int Notes { get; }

    /// <summary>Notes joined to an earlier note of the same key that a silence parted them from in the file.</summary>
    public int Merged { get; }

    /// <summary>Notes that start on the same step as a note that started before them in the file.</summary>
    public int RunTogether { get; }

    /// <summary>Notes merged, run together or both, each counted once.</summary>
    public int Lost { get; }

    /// <summary>The length of the shortest note that lasts at least a tick, in quarter notes; null when there is none.</summary>
    public double? ShortestNote => _shortestTicks > 0 ? (double)_shortestTicks / _ticksPerQuarter : null;

    /// <summary>
    /// A finer grid, up to <see cref="MaxSuggestedStepsPerQuarter"/> and one that <see cref="MidiRollWriter"/> can write,
    /// that loses fewer notes: the coarsest that loses none, else the one that loses fewest (the coarsest of equals).
    /// Null when this grid loses nothing or no such grid loses less.
    /// </summary>
    public int? SuggestedStepsPerQuarter { get; }

    /// <summary>The notes <see cref="SuggestedStepsPerQuarter"/> would lose: 0 when it keeps every note; 0 without a suggestion.</summary>
    public int SuggestedLost { get; }

    /// <summary>
    /// One line for people, such as "1,204 notes on a grid of 1 step a quarter note: 312 merged, 40 run together;
    /// shortest note 1/4 quarter; a grid of 4 steps a quarter keeps every note".
    /// </summary>
    public override string ToString()
    {
        var line = new System.Text.StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{Count(Notes, "note")} on a grid of {Count(StepsPerQuarter, "step")} a quarter note: ");
        line.Append(Lost == 0
            ? "none merged or run together"
            : string.Create(CultureInfo.InvariantCulture, $"{Merged:N0} merged, {RunTogether:N0} run together"));
        if (_shortestTicks > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $"; shortest note {Quarters(_shortestTicks, _ticksPerQuarter)}");
        }

        if (SuggestedStepsPerQuarter is { } finer)
        {
            line.Append(CultureInfo.InvariantCulture, $"; a grid of {Count(finer, "step")} a quarter ");
            line.Append(SuggestedLost == 0 ? "keeps every note" : string.Create(CultureInfo.InvariantCulture, $"loses only {SuggestedLost:N0}"));
        }

        return line.ToString();
    }

    /// <summary>
    /// Measures <paramref name="spans"/> (of a file of <paramref name="ticksPerQuarter"/>) on a grid of
    /// <paramref name="stepsPerQuarter"/>, and on each finer grid that could be suggested; linear in the notes for
    /// each grid, after one sort.
    /// </summary>
    internal static QuantisationReport Measure(IReadOnlyList<MidiNoteSpan> spans, int ticksPerQuarter, int stepsPerQuarter)
    {
        var grids = new GridLossCounter(spans, ticksPerQuarter);
        GridLossCounter.Losses here = grids.Count(stepsPerQuarter);
        int? suggested = null;
        int suggestedLost = here.Lost;
        for (int finer = stepsPerQuarter + 1; here.Lost > 0 && suggestedLost > 0 && finer <= MaxSuggestedStepsPerQuarter; finer++)
        {
            if (MidiRollWriter.Writes(finer) && grids.Count(finer).Lost is var lost && lost < suggestedLost)
            {
                (suggested, suggestedLost) = (finer, lost);
            }
        }

        long shortest = 0;
        foreach (MidiNoteSpan span in spans)
        {
            long length = span.Off - span.On;
            if (length > 0 && (shortest == 0 || length < shortest))
            {
                shortest = length;
            }
        }

        return new QuantisationReport(stepsPerQuarter, spans.Count, here, shortest, ticksPerQuarter, suggested,
            suggested is null ? 0 : suggestedLost);
    }

    private static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>A length in quarter notes: a fraction where the file's ticks make a plain one (1/4, 3/2), else decimals.</summary>
    private static string Quarters(long ticks, int ticksPerQuarter)
    {
        long divisor = (long)System.Numerics.BigInteger.GreatestCommonDivisor(ticks, ticksPerQuarter);
        (long top, long bottom) = (ticks / divisor, ticksPerQuarter / divisor);
        string value = bottom == 1 ? $"{top}"
            : bottom <= 64 ? $"{top}/{bottom}"
            : ((double)ticks / ticksPerQuarter).ToString("0.###", CultureInfo.InvariantCulture);
        return $"{value} quarter{(top > bottom ? "s" : "")}";
    }
}
