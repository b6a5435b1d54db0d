namespace RollNet.Data;

/// <summary>
/// A file left out of a dataset, and why. <see cref="MidiFolderDataset.Skipped"/> lists them so a caller can report
/// what was not read.
/// </summary>
public sealed record SkippedFile(string Path, string Reason);
