namespace RollNet.Data;

/// <summary>
/// The four Boulanger-Lewandowski datasets by short name (jsb, nottingham, musedata, piano-midi), the files that
/// hold them in a data directory, and their grids: JSB Chorales was quantised to quarter notes, the others to eighths.
/// A caller loads one by name with <see cref="Load"/>, finds its file with <see cref="Locate"/> and lists them with
/// <see cref="Entries"/>.
/// </summary>
/// <remarks>
/// Each name lists the original pickle's names (the authors' and the common public copies') first, so that the
/// original is used where it is present, then a pickle converted from the TCN MAT-file, then the MAT-file itself
/// (TCN's name, the authors', then the name in lower case), which <see cref="MatDatasetReader"/> reads as it is.
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>The known datasets.</summary>
    public static IReadOnlyList<DatasetCatalogEntry> Entries { get; } =
    [
        new("jsb", "JSB Chorales", 1,
            ["jsb_chorales.pickle", "JSB Chorales.pickle", "jsb_chorales_from_mat.pickle", "JSB_Chorales.mat", "JSB Chorales.mat", "jsb_chorales.mat"]),
        new("nottingham", "Nottingham", 2,
            ["nottingham.pickle", "Nottingham.pickle", "nottingham_from_mat.pickle", "Nottingham.mat", "nottingham.mat"]),
        new("musedata", "MuseData", 2,
            ["muse_data.pickle", "MuseData.pickle", "musedata_from_mat.pickle", "MuseData.mat", "musedata.mat"]),
        new("piano-midi", "Piano-midi.de", 2,
            ["piano_midi.pickle", "Piano-midi.de.pickle", "piano_midi_de_from_mat.pickle", "Piano_midi.mat", "Piano-midi.de.mat", "piano_midi_de.mat"]),
    ];

    /// <summary>The entry with the short name or one of the file names <paramref name="nameOrFileName"/> (ignoring case), or null.</summary>
    public static DatasetCatalogEntry? Find(string nameOrFileName)
    {
        ArgumentNullException.ThrowIfNull(nameOrFileName);
        return Entries.FirstOrDefault(e => e.Name.Equals(nameOrFileName, StringComparison.OrdinalIgnoreCase)) ??
               FindByFileName(nameOrFileName);
    }

    /// <summary>The entry one of whose file names is <paramref name="fileName"/> (ignoring case), or null.</summary>
    internal static DatasetCatalogEntry? FindByFileName(string fileName) =>
        Entries.FirstOrDefault(e => e.FileNames.Contains(fileName, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The file in <paramref name="dataDirectory"/> that holds the dataset <paramref name="nameOrFileName"/>: the
    /// file itself when a file name is given, otherwise the first of the entry's file names that exists. Throws
    /// <see cref="DatasetException"/> when the name is unknown or no such file exists.
    /// </summary>
    public static string Locate(string dataDirectory, string nameOrFileName)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        DatasetCatalogEntry entry = Find(nameOrFileName) ?? throw new DatasetException(dataDirectory,
            $"unknown dataset '{nameOrFileName}'; the known ones are {string.Join(", ", Entries.Select(e => e.Name))}");
        IEnumerable<string> candidates = entry.FileNames.Contains(nameOrFileName, StringComparer.OrdinalIgnoreCase)
            ? [nameOrFileName]
            : entry.FileNames;
        foreach (string candidate in candidates)
        {
            string path = Path.Combine(dataDirectory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DatasetException(dataDirectory,
            $"no file for dataset {entry.Name} ({entry.Title}); looked for {string.Join(", ", candidates)}");
    }

    /// <summary>
    /// Reads the dataset <paramref name="nameOrFileName"/> from <paramref name="dataDirectory"/>, named by its short
    /// name, refusing more than <paramref name="maxFrames"/> frames (see <see cref="DatasetFileReader.Read"/>).
    /// </summary>
    public static PianoRollDataset Load(string dataDirectory, string nameOrFileName,
        long maxFrames = PickleDatasetReader.DefaultMaxFrames)
    {
        string path = Locate(dataDirectory, nameOrFileName);
        PianoRollDataset read = DatasetFileReader.Read(path, maxFrames);
        DatasetCatalogEntry entry = Find(nameOrFileName)!;
        return new PianoRollDataset(entry.Name, path, read.Train, read.Valid, read.Test, entry.StepsPerQuarter);
    }
}
