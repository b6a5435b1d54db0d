using System.CommandLine;
using RollNet.Data;
using RollNet.IO;

namespace RollNet.Cli.Commands;

/// <summary>
/// Reads a set of rolls named on the command line: a .mid, .midi or .json file, a folder of them, a dataset (pickle,
/// MAT-file, MIDI folder or name) with a split after a colon (<c>jsb:test</c>) and perhaps one piece of it
/// (<c>jsb:test:3</c>), or a dataset pickle, MAT-file or name alone for all its splits.
/// </summary>
internal static class RollSets
{
    /// <summary>
    /// Reads <paramref name="spec"/>. MIDI files are read on <c>--steps-per-quarter</c> when given, else on the grid
    /// each records, else on <paramref name="contextStepsPerQuarter"/> (the grid of the set they are compared with),
    /// else on the default; a MIDI folder read as a dataset (<c>folder:test</c>) likewise, without looking for grids
    /// recorded in its files.
    /// </summary>
    public static RollSet Read(string spec, DatasetOptions datasets, ParseResult parse, ulong seed, int? contextStepsPerQuarter,
        TextWriter error)
    {
        int? given = parse.GetValue(datasets.StepsPerQuarter);
        if (Directory.Exists(spec))
        {
            string[] files = [.. FolderFiles.Under(spec).Where(RollFiles.IsReadable)];
            return files.Length > 0
                ? Files([.. files.Select(f => (f, RollFiles.Read(f, given, contextStepsPerQuarter)))])
                : throw new DatasetException(spec, "no .mid, .midi or .json file in the folder");
        }

        if (File.Exists(spec))
        {
            return RollFiles.IsReadable(spec)
                ? Files([(spec, RollFiles.Read(spec, given, contextStepsPerQuarter))])
                : Dataset(datasets.Load(parse, spec, seed, error, contextStepsPerQuarter), All);
        }

        switch (DatasetSplitSpec.Parse(spec))
        {
            case { Piece: { } index } one:
                TimedPianoRoll piece = datasets.LoadSplit(parse, one, seed, error, contextStepsPerQuarter).Piece(index, one.Split);
                return new RollSet([piece.Roll], new HashSet<int> { piece.StepsPerQuarter }, 0);
            case { } split:
                return Dataset(datasets.Load(parse, split.Dataset, seed, error, contextStepsPerQuarter),
                    d => DatasetOptions.Split(d, split.Split));
        }

        if (DatasetCatalog.Find(spec) is not null)
        {
            return Dataset(datasets.Load(parse, spec, seed, error, contextStepsPerQuarter), All);
        }

        throw new DatasetException(spec,
            "no such file or folder, nor a dataset with a split such as jsb:test, or a piece of one such as jsb:test:3 "
            + $"({string.Join(", ", DatasetCatalog.Entries.Select(e => e.Name))}, or a pickle, MAT-file or MIDI folder, then :train, :valid or :test)");
    }

    /// <summary>Whether <paramref name="spec"/> names files of music rather than a dataset: they take their grid from a dataset beside them.</summary>
    public static bool NamesFiles(string spec) => Directory.Exists(spec) || (File.Exists(spec) && RollFiles.IsReadable(spec));

    private static RollSet Files(IReadOnlyList<(string Path, RollFile File)> read) =>
        new([.. read.Select(f => f.File.Roll.Roll)], read.Select(f => f.File.Roll.StepsPerQuarter).ToHashSet(),
            read.Count(f => f.File.GridAssumed), [.. read.Select(f => f.Path)]);

    private static RollSet Dataset(PianoRollDataset dataset, Func<PianoRollDataset, IReadOnlyList<PianoRoll>> pieces) =>
        new(pieces(dataset), dataset.StepsPerQuarter is { } grid ? new HashSet<int> { grid } : new HashSet<int>(), 0);

    private static PianoRoll[] All(PianoRollDataset dataset) => [.. dataset.Train, .. dataset.Valid, .. dataset.Test];
}
