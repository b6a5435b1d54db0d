using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>
/// The pieces of a dataset's split, read by <see cref="DatasetOptions.LoadSplit"/>, the grid they are on, and the file or
/// folder they came from.
/// </summary>
internal sealed record DatasetSplit(IReadOnlyList<PianoRoll> Pieces, int StepsPerQuarter, string Source)
{
    /// <summary>Piece <paramref name="index"/> on the split's grid; throws <see cref="DatasetException"/> past the split's end.</summary>
    public TimedPianoRoll Piece(int index, string split) => index < Pieces.Count
        ? new TimedPianoRoll(Pieces[index], StepsPerQuarter)
        : throw new DatasetException(Source, $"piece {index} is past the {Counted.Pieces(Pieces.Count)} of its {split} split");
}
