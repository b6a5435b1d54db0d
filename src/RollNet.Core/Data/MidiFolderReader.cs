using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// Makes a dataset of every MIDI file (.mid, .midi) under a folder, split into train, valid and test by a seeded
/// shuffle.
/// </summary>
public static class MidiFolderReader
{
    private const ulong ShuffleStream = 0x6D69_6469; // "midi": keeps the shuffle apart from other uses of a seed

    /// <summary>
    /// Reads every .mid and .midi file under <paramref name="folder"/>, in all subfolders, in ordinal path order, with
    /// <see cref="MidiRollReader"/>. Files that cannot be read, or that hold no note on the piano's keys, are
    /// skipped and listed rather than failing the whole folder. The pieces read are shuffled with
    /// <paramref name="seed"/>; the first round(n × <paramref name="validFraction"/>) go to valid (at least one of two
    /// or more pieces when the fraction is above 0), the next round(n × <paramref name="testFraction"/>) to test and the
    /// rest to train, each split kept in path order.
    /// The same files and seed always give the same split. Every file is read on <paramref name="stepsPerQuarter"/>
    /// when given, else on the grid the files record (as <see cref="MidiRollWriter"/> records it) when every file
    /// that records one records the same, else on <see cref="MidiRollReader.DefaultStepsPerQuarter"/>
    /// (<see cref="MidiFolderDataset.GridFromFiles"/> says which). Throws <see cref="DatasetException"/> when the
    /// folder does not exist, and <see cref="ArgumentOutOfRangeException"/> when the fractions are out of range or
    /// <paramref name="stepsPerQuarter"/> is not 1 to <see cref="MidiRollReader.MaxStepsPerQuarter"/>.
    /// </summary>
    public static MidiFolderDataset Read(
        string folder,
        double validFraction = 0.1,
        double testFraction = 0.1,
        ulong seed = 0,
        int? stepsPerQuarter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!(validFraction >= 0 && testFraction >= 0 && validFraction + testFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validFraction),
                $"the valid ({validFraction}) and test ({testFraction}) fractions must be at least 0 and add up to at most 1");
        }

        if (stepsPerQuarter is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 1, nameof(stepsPerQuarter));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(given, MidiRollReader.MaxStepsPerQuarter, nameof(stepsPerQuarter));
        }

        if (!Directory.Exists(folder))
        {
            throw new DatasetException(folder, "no such folder");
        }

        string[] files = [.. FolderFiles.Under(folder).Where(IsMidi)];
        var parsed = new List<(string File, ParsedMidi Midi)>();
        var skipped = new List<SkippedFile>();
        foreach (string file in files)
        {
            try
            {
                parsed.Add((file, MidiFileParser.Parse(DataFile.ReadAllBytes(file, "a MIDI file"), file)));
            }
            catch (DatasetException e)
            {
                skipped.Add(new SkippedFile(file, e.Problem));
            }
        }

        int?[] recorded = [.. parsed.Select(p => p.Midi.RecordedStepsPerQuarter).Where(g => g is not null).Distinct()];
        bool fromFiles = stepsPerQuarter is null && recorded.Length == 1;
        int grid = stepsPerQuarter ?? (fromFiles ? recorded[0]!.Value : MidiRollReader.DefaultStepsPerQuarter);
        var pieces = new List<(string File, PianoRoll Roll)>();
        foreach ((string file, ParsedMidi midi) in parsed)
        {
            try
            {
                PianoRoll roll = midi.Quantise(grid, file);
                if (HasNotes(roll))
                {
                    pieces.Add((file, roll));
                }
                else
                {
                    skipped.Add(new SkippedFile(file, "no notes on the piano's keys outside the drum channel"));
                }
            }
            catch (DatasetException e)
            {
                skipped.Add(new SkippedFile(file, e.Problem));
            }
        }

        int n = pieces.Count;
        int validCount = (int)Math.Round(n * validFraction, MidpointRounding.AwayFromZero);
        if (validCount == 0 && validFraction > 0 && n >= 2)
        {
            // A handful of pieces still holds one out for validation, without which it could not be trained on.
            validCount = 1;
        }

        int testCount = Math.Min((int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero), n - validCount);
        int[] order = SeededShuffle.Permutation(n, seed, ShuffleStream);
        var split = new int[n]; // 0 train, 1 valid, 2 test
        for (int i = 0; i < validCount + testCount; i++)
        {
            split[order[i]] = i < validCount ? 1 : 2;
        }

        var rolls = new[] { new List<PianoRoll>(), new List<PianoRoll>(), new List<PianoRoll>() };
        var names = new[] { new List<string>(), new List<string>(), new List<string>() };
        for (int i = 0; i < n; i++)
        {
            rolls[split[i]].Add(pieces[i].Roll);
            names[split[i]].Add(pieces[i].File);
        }

        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var dataset = new PianoRollDataset(name, folder, rolls[0], rolls[1], rolls[2], grid);
        return new MidiFolderDataset(dataset, names[0], names[1], names[2], [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal)], fromFiles);
    }

    private static bool IsMidi(string file)
    {
        string extension = Path.GetExtension(file);
        return extension.Equals(".mid", StringComparison.OrdinalIgnoreCase) ||
               extension.Equals(".midi", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasNotes(PianoRoll roll)
    {
        for (int t = 0; t < roll.Steps; t++)
        {
            if (roll.PitchesAt(t).Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
