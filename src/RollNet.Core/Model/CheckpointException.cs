using RollNet.IO;

namespace RollNet.Model;

/// <summary>
/// A checkpoint file that cannot be read. What <see cref="RollModel.Load"/>,
/// <see cref="Training.TrainingCheckpoint.Load(string)"/> and a resumed <see cref="Training.TrainingRun"/> throw, so a
/// caller can catch it and show its one-line message.
/// </summary>
public sealed class CheckpointException(string path, string problem, Exception? innerException = null)
    : FileProblemException(path, problem, innerException);
