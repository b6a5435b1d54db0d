namespace RollNet.Data;

/// <summary>What <see cref="MidiFolderReader.Read"/> made of a folder: the dataset, where each piece came from, and the files it skipped.</summary>
public sealed class MidiFolderDataset
{
    internal MidiFolderDataset(
        PianoRollDataset dataset,
        IReadOnlyList<string> trainFiles,
        IReadOnlyList<string> validFiles,
        IReadOnlyList<string> testFiles,
        IReadOnlyList<SkippedFile> skipped,
        bool gridFromFiles)
    {
        Dataset = dataset;
        TrainFiles = trainFiles;
        ValidFiles = validFiles;
        TestFiles = testFiles;
        Skipped = skipped;
        GridFromFiles = gridFromFiles;
    }

    /// <summary>The pieces, split.</summary>
    public PianoRollDataset Dataset { get; }

    /// <summary>The file of each piece in <see cref="PianoRollDataset.Train"/>, in the same order.</summary>
    public IReadOnlyList<string> TrainFiles { get; }

    /// <summary>The file of each piece in <see cref="PianoRollDataset.Valid"/>, in the same order.</summary>
    public IReadOnlyList<string> ValidFiles { get; }

    /// <summary>The file of each piece in <see cref="PianoRollDataset.Test"/>, in the same order.</summary>
    public IReadOnlyList<string> TestFiles { get; }

    /// <summary>The MIDI files that could not be read or held no notes, in path order.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>
    /// Whether the grid (<see cref="PianoRollDataset.StepsPerQuarter"/>) is the one the files record, none being given;
    /// otherwise it is the one given, or the default.
    /// </summary>
    public bool GridFromFiles { get; }

    /// <summary>How many files were skipped.</summary>
    public int SkippedCount => Skipped.Count;
}
