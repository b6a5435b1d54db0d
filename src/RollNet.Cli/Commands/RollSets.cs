using System.CommandLine;
using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>
/// Reads a set of rolls named on the command line: a .mid, .midi or .json file, a folder of them, a dataset (pickle,
/// MIDI folder or name) with a split after a colon (<c>jsb:test</c>), or a dataset pickle or name alone for all its
/// splits.
/// </summary>
internal static class RollSets
{
    public static IReadOnlyList<PianoRoll> Read(string spec, DatasetOptions datasets, ParseResult parse, ulong seed, TextWriter error)
    {
        int stepsPerQuarter = parse.GetValue(datasets.StepsPerQuarter);
        if (Directory.Exists(spec))
        {
            string[] files = [.. Directory.EnumerateFiles(spec, "*", SearchOption.AllDirectories)
                .Where(RollFiles.IsReadable)
                .Order(StringComparer.Ordinal)];
            return files.Length > 0
                ? [.. files.Select(f => RollFiles.Read(f, stepsPerQuarter).Roll)]
                : throw new DatasetException(spec, "no .mid, .midi or .json file in the folder");
        }

        if (File.Exists(spec))
        {
            return RollFiles.IsReadable(spec)
                ? [RollFiles.Read(spec, stepsPerQuarter).Roll]
                : All(datasets.Load(parse, spec, seed, error));
        }

        int colon = spec.LastIndexOf(':');
        if (colon > 0 && DatasetOptions.SplitNames.Contains(spec[(colon + 1)..]))
        {
            return DatasetOptions.Split(datasets.Load(parse, spec[..colon], seed, error), spec[(colon + 1)..]);
        }

        if (DatasetCatalog.Find(spec) is not null)
        {
            return All(datasets.Load(parse, spec, seed, error));
        }

        throw new DatasetException(spec,
            "no such file or folder, nor a dataset with a split such as jsb:test "
            + $"({string.Join(", ", DatasetCatalog.Entries.Select(e => e.Name))}, or a pickle or MIDI folder, then :train, :valid or :test)");
    }

    private static PianoRoll[] All(PianoRollDataset dataset) => [.. dataset.Train, .. dataset.Valid, .. dataset.Test];
}
