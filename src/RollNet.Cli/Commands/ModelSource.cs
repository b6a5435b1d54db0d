using RollNet.Model;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// The model a command runs: the checkpoint file given with <c>--model</c>, or else the small model trained on JSB
/// Chorales that <c>rollnet</c> carries as an embedded resource (README.md, "The bundled model", re-creates it).
/// </summary>
internal static class ModelSource
{
    /// <summary>How errors name the bundled model.</summary>
    public const string BundledName = "the bundled model";

    private const string ResourceName = "RollNet.Cli.Models.default.rollnet";

    private const string ReferenceResourceName = "RollNet.Cli.Models.default.reference.json";

    /// <summary>Loads <paramref name="path"/>, or the bundled model when it is null, training section checked too.</summary>
    public static Checkpoint Load(string? path)
    {
        if (path is not null)
        {
            return TrainingCheckpoint.Load(path);
        }

        using Stream stream = typeof(ModelSource).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"rollnet was built without its embedded resource {ResourceName}");
        return TrainingCheckpoint.Load(stream, BundledName);
    }

    /// <summary>
    /// The music the bundled model learnt (JSB Chorales' training split), carried beside it so that a summary needs no
    /// dataset; a test keeps it equal to what <see cref="MusicReference.Of"/> measures on the dataset.
    /// </summary>
    public static MusicReference BundledReference()
    {
        using Stream stream = typeof(ModelSource).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new InvalidOperationException($"rollnet was built without its embedded resource {ReferenceResourceName}");
        return MusicReference.Read(stream, ReferenceResourceName);
    }
}
