namespace RollNet.Data;

/// <summary>
/// Reads a standard MIDI file (format 0 or 1, any number of tracks) into a piano roll quantised on a grid of beats.
/// </summary>
/// <remarks>
/// The grid is measured in ticks, through the file's ticks per quarter note, so tempo changes move the music in
/// seconds but never bend the grid. A key sounds while at least one note of its pitch is held on any channel but
/// 10 (General MIDI drums, which have no pitch); overlapping notes of one pitch merge until the last of them ends.
/// Each span of a held key is quantised on its own: the onset is rounded to the nearest step (halves up) and the
/// key covers every step from there whose start falls before the note's end, and at least that one step, so that
/// a grace note is not lost. Pitches outside 21..108 are dropped. The roll lasts until the later of its last note
/// and the end of the longest track, rounded to the nearest step. <see cref="ReadWithReport(string, int?, int)"/>
/// also reads the grid a file records, as <see cref="MidiRollWriter"/> records it, and counts what the grid loses.
/// </remarks>
public static class MidiRollReader
{
    /// <summary>
    /// Steps per quarter note unless told otherwise: 2, eighth notes. JSB Chorales was quantised to quarter notes and
    /// the other Boulanger-Lewandowski sets to eighths; eighths keep the quavers of most music (which quarter notes
    /// would smear into their neighbours) while a chorale only doubles in length.
    /// </summary>
    public const int DefaultStepsPerQuarter = 2;

    /// <summary>The longest roll accepted, so that a damaged length field cannot ask for gigabytes.</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>
    /// The finest grid read, in steps per quarter note: one step a tick of the files <see cref="MidiRollWriter"/>
    /// writes, so that a roll read can be written back.
    /// </summary>
    public const int MaxStepsPerQuarter = MidiRollWriter.TicksPerQuarter;

    /// <summary>
    /// Reads <paramref name="path"/> with <paramref name="stepsPerQuarter"/> steps to a quarter note. Throws
    /// <see cref="DatasetException"/> when the file is missing, cannot be read as MIDI, uses SMPTE time or would make
    /// a roll longer than <see cref="MaxSteps"/>, and <see cref="ArgumentOutOfRangeException"/> when
    /// <paramref name="stepsPerQuarter"/> is not 1 to <see cref="MaxStepsPerQuarter"/>.
    /// </summary>
    public static PianoRoll Read(string path, int stepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsPerQuarter, MaxStepsPerQuarter);
        return MidiFileParser.Parse(DataFile.ReadAllBytes(path, "a MIDI file"), path).Quantise(stepsPerQuarter, path);
    }

    /// <summary>
    /// Reads a MIDI file from <paramref name="stream"/>, named <paramref name="source"/> in errors; throws
    /// <see cref="DatasetException"/> as <see cref="Read(string, int)"/> does.
    /// </summary>
    public static PianoRoll Read(Stream stream, string source, int stepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsPerQuarter, MaxStepsPerQuarter);
        return Parse(stream, source).Quantise(stepsPerQuarter, source);
    }

    /// <summary>
    /// Reads <paramref name="path"/> on <paramref name="stepsPerQuarter"/> steps to a quarter note when given, else on
    /// the grid the file records (<see cref="MidiRollWriter"/> records its grid), else on
    /// <paramref name="fallbackStepsPerQuarter"/>, and reports what that grid did to the file's notes. Throws as
    /// <see cref="Read(string, int)"/> does.
    /// </summary>
    public static MidiRollReading ReadWithReport(string path, int? stepsPerQuarter = null,
        int fallbackStepsPerQuarter = DefaultStepsPerQuarter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckGrids(stepsPerQuarter, fallbackStepsPerQuarter);
        return Report(MidiFileParser.Parse(DataFile.ReadAllBytes(path, "a MIDI file"), path), path, stepsPerQuarter,
            fallbackStepsPerQuarter, MaxSteps);
    }

    /// <summary>
    /// Reads a MIDI file from <paramref name="stream"/>, named <paramref name="source"/> in errors, on the grid that
    /// <see cref="ReadWithReport(string, int?, int)"/> chooses, and reports what that grid did to its notes. A piece
    /// longer than <paramref name="maxSteps"/> on that grid is refused before its roll is made.
    /// </summary>
    public static MidiRollReading ReadWithReport(Stream stream, string source, int? stepsPerQuarter = null,
        int fallbackStepsPerQuarter = DefaultStepsPerQuarter, int maxSteps = MaxSteps)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        CheckGrids(stepsPerQuarter, fallbackStepsPerQuarter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        return Report(Parse(stream, source), source, stepsPerQuarter, fallbackStepsPerQuarter, maxSteps);
    }

    /// <summary>
    /// Reads a MIDI file from <paramref name="stream"/>, named <paramref name="source"/> in errors, on whichever of
    /// <paramref name="grids"/> (steps per quarter note) loses the fewest of its notes, such as the grids of the
    /// models a piece could be given to: the grid the file records when it is among them, else the earlier of equals.
    /// A piece longer than <paramref name="maxSteps"/> on the grid chosen is refused before its roll is made. Throws
    /// <see cref="ArgumentException"/> when <paramref name="grids"/> is empty or holds a grid out of range, and
    /// otherwise as <see cref="Read(string, int)"/> does.
    /// </summary>
    public static MidiRollReading ReadOnFewestLosses(Stream stream, string source, IReadOnlyList<int> grids, int maxSteps = MaxSteps)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        if (grids.Count == 0)
        {
            throw new ArgumentException("at least one grid is needed", nameof(grids));
        }

        foreach (int grid in grids)
        {
            CheckGrids(grid, DefaultStepsPerQuarter);
        }

        ParsedMidi parsed = Parse(stream, source);
        if (parsed.RecordedStepsPerQuarter is { } recorded && grids.Contains(recorded))
        {
            return Report(parsed, source, recorded, recorded, maxSteps);
        }

        // MinBy keeps the first of equals.
        var losses = new GridLossCounter(parsed.Spans, parsed.TicksPerQuarter);
        int best = grids.MinBy(grid => losses.Count(grid).Lost);
        return Report(parsed, source, best, best, maxSteps);
    }

    /// <summary>The nearest step to <paramref name="tick"/>, halves rounded up; exact in integers.</summary>
    internal static long RoundToStep(long tick, int stepsPerQuarter, int ticksPerQuarter) =>
        ((2 * tick * stepsPerQuarter) + ticksPerQuarter) / (2L * ticksPerQuarter);

    /// <summary>One past the last step a span covers: the steps that start before it ends, and at least one.</summary>
    internal static long EndStep(MidiNoteSpan span, int stepsPerQuarter, int ticksPerQuarter)
    {
        long first = RoundToStep(span.On, stepsPerQuarter, ticksPerQuarter);
        long end = ((span.Off * stepsPerQuarter) + ticksPerQuarter - 1) / ticksPerQuarter;
        return Math.Max(end, first + 1);
    }

    private static void CheckGrids(int? stepsPerQuarter, int fallbackStepsPerQuarter)
    {
        if (stepsPerQuarter is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 1, nameof(stepsPerQuarter));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(given, MaxStepsPerQuarter, nameof(stepsPerQuarter));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(fallbackStepsPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fallbackStepsPerQuarter, MaxStepsPerQuarter);
    }

    /// <summary>The roll of <paramref name="parsed"/> on the grid given, else the one it records, else the fallback, with what that grid lost.</summary>
    private static MidiRollReading Report(ParsedMidi parsed, string source, int? stepsPerQuarter, int fallbackStepsPerQuarter,
        int maxSteps)
    {
        int grid = stepsPerQuarter ?? parsed.RecordedStepsPerQuarter ?? fallbackStepsPerQuarter;
        PianoRoll roll = parsed.Quantise(grid, source, maxSteps);
        return new MidiRollReading(roll, grid, parsed.RecordedStepsPerQuarter,
            QuantisationReport.Measure(parsed.Spans, parsed.TicksPerQuarter, grid));
    }

    private static ParsedMidi Parse(Stream stream, string source)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer))
        {
            return MidiFileParser.Parse(buffer.AsSpan((int)memory.Position), source);
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return MidiFileParser.Parse(copy.GetBuffer().AsSpan(0, (int)copy.Length), source);
    }
}
