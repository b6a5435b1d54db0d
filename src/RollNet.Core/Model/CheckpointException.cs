namespace RollNet.Model;

/// <summary>A checkpoint file that cannot be read; the message is one line, "path: problem".</summary>
public sealed class CheckpointException : IOException
{
    public CheckpointException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {OneLine(problem)}", innerException)
    {
        Path = path;
        Problem = OneLine(problem);
    }

    /// <summary>The file, as it was given to <see cref="Checkpoint.Load"/>.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }

    // Problems may quote messages from the JSON reader or the file system, which are not ours to keep on one line.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
