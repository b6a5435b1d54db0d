using System.Text.Json;
using System.Text;
using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// Reads and writes a piano roll as JSON: <c>{"stepsPerQuarter": N, "frames": [[60, 64, 67], [], …]}</c>, one array
/// of MIDI pitches (21..108) per step.
/// </summary>
public static class PianoRollJson
{
    /// <summary>The JSON text of <paramref name="roll"/>, each frame's pitches ascending.</summary>
    public static string Serialize(PianoRoll roll, int stepsPerQuarter)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        return JsonSerializer.Serialize(
            new PianoRollJsonDocument(stepsPerQuarter, Frames(roll)), PianoRollJsonContext.Default.PianoRollJsonDocument);
    }

    /// <summary>The frames of <paramref name="roll"/> as JSON holds them: each step's MIDI pitches, ascending.</summary>
    public static int[][] Frames(PianoRoll roll)
    {
        ArgumentNullException.ThrowIfNull(roll);
        var frames = new int[roll.Steps][];
        for (int t = 0; t < roll.Steps; t++)
        {
            frames[t] = roll.PitchesAt(t);
        }

        return frames;
    }

    /// <summary>
    /// The roll whose steps sound <paramref name="frames"/>' MIDI pitches; <paramref name="source"/> names it in
    /// errors. Throws <see cref="DatasetException"/> on a null frame or a pitch outside 21..108.
    /// </summary>
    public static PianoRoll FromFrames(IReadOnlyList<int[]?> frames, string source)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(source);
        var roll = new PianoRoll(frames.Count);
        for (int t = 0; t < frames.Count; t++)
        {
            if (frames[t] is not { } pitches)
            {
                throw new DatasetException(source, $"frame {t}: expected an array of pitches but found null");
            }

            foreach (int pitch in pitches)
            {
                if (pitch < PianoRoll.LowestPitch || pitch > PianoRoll.HighestPitch)
                {
                    throw new DatasetException(source,
                        $"frame {t}: pitch {pitch} is outside {PianoRoll.LowestPitch}..{PianoRoll.HighestPitch}");
                }

                roll[t, pitch - PianoRoll.LowestPitch] = true;
            }
        }

        return roll;
    }

    /// <summary>
    /// Parses JSON text; <paramref name="source"/> names it in errors. Throws <see cref="DatasetException"/> when the
    /// text is not JSON, lacks a member, has one it does not know, or holds a pitch outside 21..108.
    /// </summary>
    public static TimedPianoRoll Deserialize(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        return Parse(Encoding.UTF8.GetBytes(json), source);
    }

    /// <summary>Reads the roll in <paramref name="path"/>; throws <see cref="DatasetException"/> as <see cref="Deserialize"/> does, or when the file cannot be read.</summary>
    public static TimedPianoRoll Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(DataFile.ReadAllBytes(path), path);
    }

    /// <summary>Writes <paramref name="roll"/> to <paramref name="path"/> atomically (a temporary file beside it, then a rename).</summary>
    public static void Write(string path, PianoRoll roll, int stepsPerQuarter)
    {
        byte[] json = Encoding.UTF8.GetBytes(Serialize(roll, stepsPerQuarter));
        AtomicFile.Write(path, stream => stream.Write(json));
    }

    private static TimedPianoRoll Parse(ReadOnlySpan<byte> utf8, string source)
    {
        PianoRollJsonDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, PianoRollJsonContext.Default.PianoRollJsonDocument);
        }
        catch (JsonException e)
        {
            throw new DatasetException(source, $"malformed JSON: {e.Message}", e);
        }

        if (document is null)
        {
            throw new DatasetException(source, "expected an object with stepsPerQuarter and frames but found null");
        }

        if (document.StepsPerQuarter is not { } stepsPerQuarter)
        {
            throw new DatasetException(source, "missing \"stepsPerQuarter\"");
        }

        if (stepsPerQuarter < 1)
        {
            throw new DatasetException(source, $"stepsPerQuarter must be at least 1 but is {stepsPerQuarter}");
        }

        if (document.Frames is not { } frames)
        {
            throw new DatasetException(source, "missing \"frames\"");
        }

        return new TimedPianoRoll(FromFrames(frames, source), stepsPerQuarter);
    }
}
