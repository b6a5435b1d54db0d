namespace RollNet.Data;

/// <summary>One of the known datasets: its short name, its title, and the file names it may have, most preferred first.</summary>
public sealed record DatasetCatalogEntry(string Name, string Title, int StepsPerQuarter, IReadOnlyList<string> FileNames);
