using RollNet.Model;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// A model <c>rollnet</c> carries as an embedded resource, named on the command line by <see cref="Name"/>, with the
/// music it learnt (the training split of its data, measured) carried beside it so that a summary needs no dataset.
/// README.md, "The bundled models", re-creates each.
/// </summary>
internal sealed class BundledModel
{
    private BundledModel(string name, string description)
    {
        (Name, Description) = (name, description);
    }

    /// <summary>Trained on JSB Chorales at one step a quarter note: the model a command runs without <c>--model</c>.</summary>
    public static BundledModel Chorales { get; } = new("chorales", "the bundled chorale model");

    /// <summary>Trained on Piano-midi.de at that set's own grid, two steps a quarter note.</summary>
    public static BundledModel Piano { get; } = new("piano", "the bundled piano model");

    /// <summary>Every bundled model, the default first.</summary>
    public static IReadOnlyList<BundledModel> All { get; } = [Chorales, Piano];

    /// <summary>What <c>--model</c> calls it.</summary>
    public string Name { get; }

    /// <summary>How messages name it, such as "the bundled chorale model".</summary>
    public string Description { get; }

    /// <summary>The resource's file, as the build embeds it and a test reads it.</summary>
    public string FileName => $"{Name}.rollnet";

    /// <summary>The file of the music it learnt, beside <see cref="FileName"/>.</summary>
    public string ReferenceFileName => $"{Name}.reference.json";

    /// <summary>The bundled model called <paramref name="name"/> (ignoring case), or null.</summary>
    public static BundledModel? Find(string name) =>
        All.FirstOrDefault(model => model.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The checkpoint, its training section checked.</summary>
    public Checkpoint Load()
    {
        using Stream stream = Resource(FileName);
        return TrainingCheckpoint.Load(stream, Description);
    }

    /// <summary>The music it learnt, which a test keeps equal to what <see cref="MusicReference.Of"/> measures on its data.</summary>
    public MusicReference Reference()
    {
        using Stream stream = Resource(ReferenceFileName);
        return MusicReference.Read(stream, ReferenceFileName);
    }

    private static Stream Resource(string fileName)
    {
        string name = $"RollNet.Cli.Models.{fileName}";
        return typeof(BundledModel).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"rollnet was built without its embedded resource {name}");
    }
}
