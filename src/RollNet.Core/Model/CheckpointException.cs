using RollNet.IO;

namespace RollNet.Model;

/// <summary>A checkpoint file that cannot be read.</summary>
public sealed class CheckpointException(string path, string problem, Exception? innerException = null)
    : FileProblemException(path, problem, innerException);
