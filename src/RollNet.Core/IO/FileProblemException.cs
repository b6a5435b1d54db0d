namespace RollNet.IO;

/// <summary>
/// A file that cannot be read as what it should be; the message is one line, "path: problem". A caller catches it to
/// report any unreadable data or checkpoint file, whichever reader threw it.
/// </summary>
public abstract class FileProblemException : IOException
{
    /// <summary>An exception whose message is <c>path: problem</c>, with line breaks in <paramref name="problem"/> turned into spaces.</summary>
    /// <param name="path">The file or folder, as it was given.</param>
    /// <param name="problem">What is wrong with it, without the path.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    protected FileProblemException(string path, string problem, Exception? innerException)
        : base($"{path}: {OneLine(problem)}", innerException)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Problem = OneLine(problem);
    }

    /// <summary>The file or folder, as it was given.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }

    // Problems may quote messages from the pickle, MIDI or JSON readers or the file system, which are not ours to
    // keep on one line.
    private static string OneLine(string problem) =>
        problem?.ReplaceLineEndings(" ") ?? throw new ArgumentNullException(nameof(problem));
}
