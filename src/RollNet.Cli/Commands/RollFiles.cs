using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>Reads and writes a single piano roll as MIDI or JSON, chosen by the file's extension.</summary>
internal static class RollFiles
{
    /// <summary>Reads <paramref name="path"/>; MIDI is quantised at <paramref name="stepsPerQuarter"/>.</summary>
    public static TimedPianoRoll Read(string path, int stepsPerQuarter) => Kind(path) switch
    {
        ".json" => PianoRollJson.Read(path),
        _ => new TimedPianoRoll(MidiRollReader.Read(path, stepsPerQuarter), stepsPerQuarter),
    };

    public static void Write(string path, TimedPianoRoll roll)
    {
        if (Kind(path) == ".json")
        {
            PianoRollJson.Write(path, roll.Roll, roll.StepsPerQuarter);
        }
        else
        {
            MidiRollWriter.Write(path, roll.Roll, roll.StepsPerQuarter);
        }
    }

    private static string Kind(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".mid" or ".midi" or ".json"
            ? extension
            : throw new DatasetException(path, $"unknown file type \"{extension}\"; use .mid, .midi or .json");
    }
}
