using RollNet.Model;

namespace RollNet.Piano.Server;

/// <summary>A model NeuralPiano offers.</summary>
/// <param name="Id">What requests and the page's model list call it, such as "chorales"; unique on a server.</param>
/// <param name="Name">How the page names it: a file name, or such as "the bundled chorale model".</param>
/// <param name="Checkpoint">
/// The model. Its training section names the data it learnt and the grid of its music; load it with
/// RollNet.Training.TrainingCheckpoint.Load, which checks that section, or starting the server throws
/// <see cref="ArgumentException"/> on a bad one.
/// </param>
public sealed record PianoModel(string Id, string Name, Checkpoint Checkpoint);
