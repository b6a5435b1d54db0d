using System.CommandLine;
using RollNet.Data;
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

    /// <summary>
    /// The music the model learnt: the bundled model's carried reference, or the training split of the data a model
    /// file names, found as <c>--data</c> finds it; null, with a line saying why, where that data is not here.
    /// </summary>
    public static MusicReference? Reference(ParseResult parse, DatasetOptions datasets, string? modelPath, TrainingState? state,
        TextWriter stderr)
    {
        if (modelPath is null)
        {
            return BundledReference();
        }

        if (state?.Data is not { } data)
        {
            stderr.WriteLine($"rollnet: no summary of the music: {modelPath} does not say what data it learnt");
            return null;
        }

        try
        {
            PianoRollDataset dataset = datasets.Load(parse, data, state.Seed, TextWriter.Null);
            string title = DatasetCatalog.Find(dataset.Name)?.Title ?? dataset.Name;
            return MusicReference.Of($"{title}, training split", dataset.Train);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"rollnet: no summary of the music beside the data the model learnt: {e.Message}");
            return null;
        }
    }
}
