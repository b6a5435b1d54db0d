namespace RollNet.Data;

/// <summary>A data file (a pickle, a MIDI file, a roll in JSON) that cannot be read; the message is one line, "path: problem".</summary>
public sealed class DatasetException : IOException
{
    public DatasetException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {OneLine(problem)}", innerException)
    {
        Path = path;
        Problem = OneLine(problem);
    }

    /// <summary>The file or folder, as it was given to the reader.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }

    // Problems may quote messages from the pickle, MIDI or JSON readers, which are not ours to keep on one line.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
