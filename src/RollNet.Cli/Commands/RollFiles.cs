using RollNet.Data;
using RollNet.Rendering;

namespace RollNet.Cli.Commands;

/// <summary>Reads a single piano roll from MIDI or JSON, and writes one as MIDI, JSON or a PNG picture, by extension.</summary>
internal static class RollFiles
{
    /// <summary>Reads <paramref name="path"/>; MIDI is quantised at <paramref name="stepsPerQuarter"/>.</summary>
    public static TimedPianoRoll Read(string path, int stepsPerQuarter) => Kind(path, readable: true) switch
    {
        ".json" => PianoRollJson.Read(path),
        _ => new TimedPianoRoll(MidiRollReader.Read(path, stepsPerQuarter), stepsPerQuarter),
    };

    /// <summary>
    /// Reads <paramref name="path"/> as <see cref="Read"/> does, refusing a MIDI file in which no piano key sounds: a
    /// damaged file often reads as an empty one, and an empty piece is almost never what was meant.
    /// </summary>
    public static TimedPianoRoll ReadSounding(string path, int stepsPerQuarter)
    {
        TimedPianoRoll roll = Read(path, stepsPerQuarter);
        if (Kind(path, readable: true) != ".json" && !roll.Roll.Notes().Any())
        {
            throw new DatasetException(path, "no notes on the piano's keys outside the drum channel");
        }

        return roll;
    }

    public static void Write(string path, TimedPianoRoll roll)
    {
        switch (Kind(path, readable: false))
        {
            case ".json":
                PianoRollJson.Write(path, roll.Roll, roll.StepsPerQuarter);
                break;
            case ".png":
                PianoRollImage.Write(path, roll.Roll, Picture(roll));
                break;
            default:
                MidiRollWriter.Write(path, roll.Roll, roll.StepsPerQuarter);
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
        if (IsReadable(path) || (!readable && extension == ".png"))
        {
            return extension;
        }

        throw new DatasetException(path,
            $"unknown file type \"{extension}\"; use .mid, .midi or .json{(readable ? "" : ", or .png for a picture")}");
    }
}
