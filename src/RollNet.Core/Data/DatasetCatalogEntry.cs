namespace RollNet.Data;

/// <summary>
/// One of the known datasets: its short name, its title, and the file names it may have, most preferred first.
/// Returned by <see cref="DatasetCatalog.Entries"/> and <see cref="DatasetCatalog.Find"/> so a caller can list the
/// datasets and learn each one's grid.
/// </summary>
public sealed record DatasetCatalogEntry(string Name, string Title, int StepsPerQuarter, IReadOnlyList<string> FileNames);
