using System.Collections;
using Razorvine.Pickle;

namespace RollNet.Data;

/// <summary>
/// Reads the piano-roll pickles of Boulanger-Lewandowski et al. (ICML 2012): a dict with the keys 'train', 'valid'
/// and 'test', each a list of sequences, each sequence a list of time steps, each step a tuple (or list) of the
/// MIDI pitches that sound, all within 21..108.
/// </summary>
/// <remarks>
/// Nothing else is accepted. The original JSB Chorales pickle stores each pitch as a numpy int64 scalar; the two
/// numpy globals that spell one are mapped to plain integers, and no other numpy type is known.
/// </remarks>
public static class PickleDatasetReader
{
    /// <summary>
    /// The most frames a dataset may hold unless the caller allows more: over ten times the largest of the four
    /// sets (MuseData, about 390,000). A pickle can name one long sequence many times through its memo, so a small
    /// file can describe far more frames than it holds.
    /// </summary>
    public const long DefaultMaxFrames = 5_000_000;

    /// <summary>The opcode every pickle of protocol 2 or later starts with.</summary>
    internal const byte ProtoOpcode = 0x80;

    private const byte StopOpcode = (byte)'.';
    private static readonly string[] SplitNames = ["train", "valid", "test"];

    static PickleDatasetReader()
    {
        Unpickler.registerConstructor("numpy.core.multiarray", "scalar", new NumpyScalarConstructor());
        Unpickler.registerConstructor("numpy", "dtype", new NumpyDtypeConstructor());
    }

    /// <summary>
    /// Reads the pickle at <paramref name="path"/>; the dataset is named after the file. Throws
    /// <see cref="DatasetException"/>, with a one-line message "path: problem", when the file is missing, is not
    /// a pickle, is cut short, holds anything but the structure above, or more than <paramref name="maxFrames"/> frames
    /// in all (refused before their rolls are made); positions in messages count from 0.
    /// </summary>
    public static PianoRollDataset Read(string path, long maxFrames = DefaultMaxFrames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        return Read(path, DataFile.ReadAllBytes(path, "a pickle"), maxFrames);
    }

    /// <summary>Reads <paramref name="bytes"/>, the contents of <paramref name="path"/>, as <see cref="Read(string, long)"/> does.</summary>
    internal static PianoRollDataset Read(string path, byte[] bytes, long maxFrames)
    {
        object? root = Unpickle(path, bytes);
        var splits = new List<PianoRoll>[SplitNames.Length];
        if (root is not Hashtable dict || dict.Count != SplitNames.Length || !SplitNames.All(dict.ContainsKey))
        {
            string found = root is Hashtable other
                ? $"a dict with keys {string.Join(", ", other.Keys.Cast<object>().Select(Describe).Order(StringComparer.Ordinal))}"
                : PythonNames.TypeOf(root);
            throw new DatasetException(path, $"expected a dict with keys {string.Join(", ", SplitNames)} but found {found}");
        }

        CheckFrames(path, dict, maxFrames);
        for (int s = 0; s < SplitNames.Length; s++)
        {
            splits[s] = ReadSplit(path, SplitNames[s], dict[SplitNames[s]]);
        }

        return new PianoRollDataset(Path.GetFileNameWithoutExtension(path), path, splits[0], splits[1], splits[2]);
    }

    private static object? Unpickle(string path, byte[] bytes)
    {
        // The datasets are protocol 2 pickles; checking the header first turns "any other file" into a clear message.
        if (bytes.Length < 2 || bytes[0] != ProtoOpcode || bytes[1] < 2 || bytes[1] > Unpickler.HIGHEST_PROTOCOL)
        {
            throw new DatasetException(path, $"not a pickle: it does not start with a protocol 2 to {Unpickler.HIGHEST_PROTOCOL} header");
        }

        // Every complete pickle ends with STOP; the unpickler itself would report a cut-off file as a range error.
        if (bytes[^1] != StopOpcode)
        {
            throw new DatasetException(path, "truncated: the pickle does not end with its STOP opcode");
        }

        try
        {
            using var unpickler = new Unpickler();
            return unpickler.loads(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(path, e.Message, e);
        }
        catch (PickleException e)
        {
            throw new DatasetException(path, $"not a valid pickle: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or IndexOutOfRangeException or
                                      FormatException or OverflowException or NullReferenceException)
        {
            // The unpickler's own failure on damaged data, in the words of .NET's types ("Unable to cast object of
            // type 'System.Object' to type 'System.Collections.ArrayList'").
            throw new DatasetException(path, "not a valid pickle: its opcodes and their arguments do not fit together", e);
        }
    }

    /// <summary>Counts the frames of every split before any roll is made, refusing more than <paramref name="maxFrames"/>.</summary>
    private static void CheckFrames(string path, Hashtable dict, long maxFrames)
    {
        long frames = 0;
        foreach (string split in SplitNames)
        {
            if (dict[split] is not ArrayList sequences)
            {
                continue;
            }

            for (int i = 0; i < sequences.Count; i++)
            {
                frames += sequences[i] is ArrayList steps ? steps.Count : 0;
                if (frames > maxFrames)
                {
                    throw new DatasetException(path,
                        $"more than {maxFrames:N0} frames (the limit) by sequence {i} of {split}; allow more with --max-frames if the set is meant to be this large");
                }
            }
        }
    }

    private static List<PianoRoll> ReadSplit(string path, string split, object? value)
    {
        if (value is not ArrayList sequences)
        {
            throw new DatasetException(path, $"split {split}: expected a list of sequences but found {PythonNames.TypeOf(value)}");
        }

        var rolls = new List<PianoRoll>(sequences.Count);
        for (int i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] is not ArrayList steps)
            {
                throw new DatasetException(path,
                    $"sequence {i} of {split}: expected a list of steps but found {PythonNames.TypeOf(sequences[i])}");
            }

            var roll = new PianoRoll(steps.Count);
            for (int t = 0; t < steps.Count; t++)
            {
                IList pitches = steps[t] switch
                {
                    object[] tuple => tuple,
                    ArrayList list => list,
                    _ => throw new DatasetException(path,
                        $"sequence {i} of {split}, step {t}: expected a tuple or list of pitches but found {PythonNames.TypeOf(steps[t])}"),
                };

                foreach (object? item in pitches)
                {
                    long pitch = item switch
                    {
                        int small => small,
                        long large => large,
                        _ => throw new DatasetException(path,
                            $"sequence {i} of {split}, step {t}: expected an int pitch but found {PythonNames.TypeOf(item)}"),
                    };
                    if (pitch < PianoRoll.LowestPitch || pitch > PianoRoll.HighestPitch)
                    {
                        throw new DatasetException(path,
                            $"sequence {i} of {split}, step {t}: pitch {pitch} is outside {PianoRoll.LowestPitch}..{PianoRoll.HighestPitch}");
                    }

                    roll[t, (int)pitch - PianoRoll.LowestPitch] = true;
                }
            }

            rolls.Add(roll);
        }

        return rolls;
    }

    private static string Describe(object key) => key is string text ? text : $"({PythonNames.TypeOf(key)})";
}
