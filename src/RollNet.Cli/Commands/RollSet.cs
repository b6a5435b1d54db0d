using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>
/// A set of rolls read by <see cref="RollSets.Read"/>, the grids its pieces are on (none when unknown, as for a dataset
/// file under a name of its own), how many of its MIDI files were read on the default grid for want of a known one, and the file each roll
/// was read from where the set is files rather than a dataset.
/// </summary>
internal sealed record RollSet(IReadOnlyList<PianoRoll> Rolls, IReadOnlySet<int> Grids, int FilesOnDefaultGrid,
    IReadOnlyList<string>? Files = null)
{
    /// <summary>The one grid every piece is known to be on, or null.</summary>
    public int? KnownGrid => Grids.Count == 1 && FilesOnDefaultGrid == 0 ? Grids.Single() : null;
}
