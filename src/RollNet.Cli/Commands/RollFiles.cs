using RollNet.Audio;
using RollNet.Data;
using RollNet.Rendering;

namespace RollNet.Cli.Commands;

/// <summary>Reads a single piano roll from MIDI or JSON, and writes one as MIDI, JSON or a PNG picture, by extension.</summary>
internal static class RollFiles
{
    /// <summary>
    /// Reads <paramref name="path"/>. JSON carries its grid; MIDI is read on <paramref name="stepsPerQuarter"/> when
    /// given, else on the grid the file records, else on <paramref name="contextStepsPerQuarter"/> (the grid of what
    /// it is read with), else on the reader's default, which the answer marks as assumed.
    /// </summary>
    public static RollFile Read(string path, int? stepsPerQuarter, int? contextStepsPerQuarter = null)
    {
        if (Kind(path, readable: true) == ".json")
        {
            return new RollFile(PianoRollJson.Read(path), null, GridAssumed: false);
        }

        MidiRollReading midi = MidiRollReader.ReadWithReport(path, stepsPerQuarter,
            contextStepsPerQuarter ?? MidiRollReader.DefaultStepsPerQuarter);
        bool assumed = stepsPerQuarter is null && midi.RecordedStepsPerQuarter is null && contextStepsPerQuarter is null;
        return new RollFile(new TimedPianoRoll(midi.Roll, midi.StepsPerQuarter), midi.Quantisation, assumed);
    }

    /// <summary>
    /// Reads <paramref name="path"/> as <see cref="Read"/> does, refusing a MIDI file in which no piano key sounds: a
    /// damaged file often reads as an empty one, and an empty piece is almost never what was meant.
    /// </summary>
    public static RollFile ReadSounding(string path, int? stepsPerQuarter)
    {
        RollFile read = Read(path, stepsPerQuarter);
        if (read.Quantisation is not null && !read.Roll.Roll.Notes().Any())
        {
            throw new DatasetException(path, "no notes on the piano's keys outside the drum channel");
        }

        return read;
    }

    /// <summary>
    /// Reads <paramref name="path"/> for a model to work on, as <see cref="ReadSounding"/> does, on
    /// <paramref name="stepsPerQuarter"/> (given, or the grid the model learnt) when known; says on
    /// <paramref name="stderr"/> what the grid lost, and when a JSON roll's grid is not the model's.
    /// </summary>
    public static TimedPianoRoll ReadForModel(string path, int? stepsPerQuarter, TextWriter stderr)
    {
        RollFile read = ReadSounding(path, stepsPerQuarter);
        Tell(path, read, stderr, stderr);
        if (read.Quantisation is null)
        {
            TellOffGrid(path, read.Roll, stepsPerQuarter, stderr);
        }

        return read.Roll;
    }

    /// <summary>Tells <paramref name="stderr"/> when <paramref name="roll"/>, from <paramref name="source"/>, is not on the model's grid, <paramref name="needed"/>.</summary>
    public static void TellOffGrid(string source, TimedPianoRoll roll, int? needed, TextWriter stderr)
    {
        if (needed is { } grid && roll.StepsPerQuarter != grid)
        {
            stderr.WriteLine($"rollnet: {source}: its grid of {Counted.Steps(roll.StepsPerQuarter)} a quarter note is not the "
                + $"model's ({grid}); the model takes its steps for its own");
        }
    }

    /// <summary>
    /// Tells what reading <paramref name="path"/> did to its grid: the quantisation report on <paramref name="report"/>,
    /// and on <paramref name="error"/> the grid assumed, if it was.
    /// </summary>
    public static void Tell(string path, RollFile read, TextWriter report, TextWriter error)
    {
        if (read.Quantisation is { } quantisation)
        {
            report.WriteLine($"{path}: {quantisation}");
        }

        if (read.GridAssumed)
        {
            error.WriteLine(DefaultGridNote(path, "the file records no grid"));
        }
    }

    /// <summary>The warning that MIDI from <paramref name="source"/> was read on the default grid, because <paramref name="why"/>.</summary>
    public static string DefaultGridNote(string source, string why) =>
        $"rollnet: {source}: {why}; read on {MidiRollReader.DefaultStepsPerQuarter} steps a quarter note, the default "
        + "(--steps-per-quarter chooses another)";

    /// <summary>
    /// Writes <paramref name="roll"/> as MIDI, JSON, a PNG picture or a WAV file played on the built-in piano, by the
    /// extension of <paramref name="path"/>; MIDI and WAV at <paramref name="beatsPerMinute"/> quarter notes a minute.
    /// </summary>
    public static void Write(string path, TimedPianoRoll roll, double beatsPerMinute)
    {
        switch (Kind(path, readable: false))
        {
            case ".json":
                PianoRollJson.Write(path, roll.Roll, roll.StepsPerQuarter);
                break;
            case ".png":
                PianoRollImage.Write(path, roll.Roll, Picture(roll));
                break;
            case ".wav":
                PianoSynthesizer.Write(path, roll.Roll, roll.StepsPerQuarter, beatsPerMinute);
                break;
            default:
                MidiRollWriter.Write(path, roll.Roll, roll.StepsPerQuarter, beatsPerMinute);
                break;
        }
    }

    /// <summary>How to draw <paramref name="roll"/>: a bar line every four quarter notes.</summary>
    public static PianoRollImageOptions Picture(TimedPianoRoll roll, int? splitStep = null) =>
        new() { StepsPerBar = 4 * roll.StepsPerQuarter, SplitStep = splitStep };

    /// <summary>Whether <see cref="Read"/> takes <paramref name="path"/> by its extension: .mid, .midi or .json.</summary>
    public static bool IsReadable(string path) => Path.GetExtension(path).ToLowerInvariant() is ".mid" or ".midi" or ".json";

    private static string Kind(string path, bool readable)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (IsReadable(path) || (!readable && extension is ".png" or ".wav"))
        {
            return extension;
        }

        throw new DatasetException(path,
            $"unknown file type \"{extension}\"; use .mid, .midi or .json{(readable ? "" : ", .png for a picture or .wav for sound")}");
    }
}
