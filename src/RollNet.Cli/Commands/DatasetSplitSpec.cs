using System.Text.RegularExpressions;

namespace RollNet.Cli.Commands;

/// <summary>
/// A dataset's split, or one piece of it, as a command line names it: <c>jsb:test</c>, <c>jsb:test:3</c> (the dataset a
/// name, a pickle or MAT-file, or a MIDI folder; pieces numbered from 0).
/// </summary>
internal sealed partial record DatasetSplitSpec(string Dataset, string Split, int? Piece)
{
    /// <summary>The piece of a dataset <paramref name="spec"/> names, or null when it names a file or anything else.</summary>
    public static DatasetSplitSpec? OnePiece(string spec) =>
        !File.Exists(spec) && !Directory.Exists(spec) && Parse(spec) is { Piece: not null } piece ? piece : null;

    /// <summary>What <paramref name="spec"/> names, or null when it is no split of a dataset.</summary>
    public static DatasetSplitSpec? Parse(string spec) => Pattern().Match(spec) is { Success: true } match
        ? new DatasetSplitSpec(match.Groups["dataset"].Value, match.Groups["split"].Value,
            match.Groups["piece"].Success && int.TryParse(match.Groups["piece"].Value, out int piece) ? piece : null)
        : null;

    [GeneratedRegex(@"^(?<dataset>.+):(?<split>train|valid|test)(:(?<piece>[0-9]{1,9}))?$")]
    private static partial Regex Pattern();
}
