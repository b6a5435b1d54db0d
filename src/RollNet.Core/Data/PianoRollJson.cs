using System.Text.Json;
using System.Text;
using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// Reads and writes a piano roll as JSON: <c>{"stepsPerQuarter": N, "frames": [[60, 64, 67], [], …]}</c>, one array
/// of MIDI pitches (21..108) per step, N from 1 to <see cref="MidiRollReader.MaxStepsPerQuarter"/>, and at most
/// <see cref="MidiRollReader.MaxSteps"/> steps, as from MIDI. UTF-8, with or without a byte-order mark.
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
    /// text is not JSON, lacks a member, has one it does not know, holds a pitch outside 21..108, a grid outside 1 to
    /// <see cref="MidiRollReader.MaxStepsPerQuarter"/> or more than <see cref="MidiRollReader.MaxSteps"/> frames.
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
        return Parse(DataFile.ReadAllBytes(path, "a roll in JSON"), path);
    }

    /// <summary>Writes <paramref name="roll"/> to <paramref name="path"/> atomically (a temporary file beside it, then a rename).</summary>
    public static void Write(string path, PianoRoll roll, int stepsPerQuarter)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        var document = new PianoRollJsonDocument(stepsPerQuarter, Frames(roll));

        // Straight into the file: the text of a long roll is not held twice over as a string and its bytes.
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, document, PianoRollJsonContext.Default.PianoRollJsonDocument));
    }

    private static TimedPianoRoll Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        // Counted before any frame is made: a few bytes a frame ("[],") would otherwise ask for a hundred.
        long frameCount = CountFrames(utf8);
        if (frameCount > MidiRollReader.MaxSteps)
        {
            throw new DatasetException(source, $"{frameCount:N0} frames, more than the {MidiRollReader.MaxSteps:N0} a roll may have");
        }

        PianoRollJsonDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, PianoRollJsonContext.Default.PianoRollJsonDocument);
        }
        catch (JsonException e)
        {
            throw new DatasetException(source, JsonProblem.Describe(utf8, PianoRollJsonContext.Default.PianoRollJsonDocument, e, "malformed JSON"), e);
        }

        if (document is null)
        {
            throw new DatasetException(source, "expected an object with stepsPerQuarter and frames but found null");
        }

        if (document.StepsPerQuarter is not { } stepsPerQuarter)
        {
            throw new DatasetException(source, "missing \"stepsPerQuarter\"");
        }

        if (stepsPerQuarter is < 1 or > MidiRollReader.MaxStepsPerQuarter)
        {
            throw new DatasetException(source,
                $"stepsPerQuarter must be 1 to {MidiRollReader.MaxStepsPerQuarter} but is {stepsPerQuarter}");
        }

        if (document.Frames is not { } frames)
        {
            throw new DatasetException(source, "missing \"frames\"");
        }

        return new TimedPianoRoll(FromFrames(frames, source), stepsPerQuarter);
    }

    /// <summary>
    /// The elements of the top-level "frames" array, read without making any: as many as come before the text stops
    /// being JSON, which the deserializer then reports in its own words.
    /// </summary>
    private static long CountFrames(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        long frames = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                bool isFrames = reader.ValueTextEquals("frames"u8);
                reader.Read();
                if (!isFrames)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        frames++;
                        reader.Skip();
                    }
                }

                break;
            }
        }
        catch (JsonException)
        {
            // The deserializer says where the text goes wrong.
        }

        return frames;
    }
}
