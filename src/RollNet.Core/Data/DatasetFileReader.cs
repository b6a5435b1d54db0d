namespace RollNet.Data;

/// <summary>
/// Reads a dataset file of either kind the four Boulanger-Lewandowski sets come in, told apart by its first bytes: a
/// pickle (<see cref="PickleDatasetReader"/>) or a MATLAB MAT-file (<see cref="MatDatasetReader"/>). A file under one
/// of the names the four are published with (<see cref="DatasetCatalog"/>: <c>jsb_chorales.pickle</c>,
/// <c>Nottingham.mat</c>, …) is on that set's grid, as when the set is loaded by its short name.
/// </summary>
public static class DatasetFileReader
{
    /// <summary>
    /// Reads the pickle or MAT-file at <paramref name="path"/>, refusing more than <paramref name="maxFrames"/> frames in
    /// all; its <see cref="PianoRollDataset.StepsPerQuarter"/> is the grid of the set its file name publishes, else
    /// unknown. Throws <see cref="DatasetException"/>, with a one-line message "path: problem", when it is neither or
    /// cannot be read as the one it is.
    /// </summary>
    public static PianoRollDataset Read(string path, long maxFrames = PickleDatasetReader.DefaultMaxFrames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        byte[] bytes = DataFile.ReadAllBytes(path, "a dataset pickle or MAT-file");
        PianoRollDataset read;
        if (bytes.AsSpan().StartsWith("MATLAB"u8))
        {
            read = MatDatasetReader.Read(path, bytes, maxFrames);
        }
        else if (bytes[0] == PickleDatasetReader.ProtoOpcode)
        {
            read = PickleDatasetReader.Read(path, bytes, maxFrames);
        }
        else
        {
            throw new DatasetException(path,
                "neither a dataset pickle nor a MAT-file: it starts with neither a pickle's protocol header nor 'MATLAB'");
        }

        return DatasetCatalog.FindByFileName(Path.GetFileName(path)) is { } published
            ? new PianoRollDataset(read.Name, read.Source, read.Train, read.Valid, read.Test, published.StepsPerQuarter)
            : read;
    }
}
