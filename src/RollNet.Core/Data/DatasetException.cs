using RollNet.IO;

namespace RollNet.Data;

/// <summary>
/// A data file (a pickle, a MIDI file, a roll in JSON) that cannot be read. What the readers of this namespace throw,
/// so a caller can catch it and show its one-line message.
/// </summary>
public sealed class DatasetException(string path, string problem, Exception? innerException = null)
    : FileProblemException(path, problem, innerException);
