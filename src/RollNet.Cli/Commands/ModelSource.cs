using System.CommandLine;
using RollNet.Data;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// The model a command runs, as <c>--model</c> names it: a bundled model by its name (<c>chorales</c>, <c>piano</c>),
/// else a checkpoint file; without <c>--model</c>, the bundled chorale model.
/// </summary>
internal static class ModelSource
{
    /// <summary>The bundled model <paramref name="model"/> names, the default one when it is null, or null for a file.</summary>
    public static BundledModel? Bundled(string? model) => model is null ? BundledModel.Chorales : BundledModel.Find(model);

    /// <summary>Loads the model <paramref name="model"/> names, training section checked.</summary>
    public static Checkpoint Load(string? model)
    {
        if (Bundled(model) is { } bundled)
        {
            return bundled.Load();
        }

        // A name that is neither a bundled model nor a file was most likely meant as a model's name.
        return File.Exists(model) || Directory.Exists(model)
            ? TrainingCheckpoint.Load(model!)
            : throw new CheckpointException(model!,
                $"no such file, and no bundled model of that name ({string.Join(", ", BundledModel.All.Select(b => b.Name))})");
    }

    /// <summary>How messages name the model: a bundled model's description, or the path given.</summary>
    public static string Describe(string? model) => Bundled(model)?.Description ?? model!;

    /// <summary>
    /// The music the model learnt: a bundled model's carried reference, or the training split of the data a model
    /// file names, found as <c>--data</c> finds it. A model trained further on data that is not here is held against
    /// the latest data it learnt before that is, with a line saying so; null, with a line saying why, where none is.
    /// </summary>
    public static MusicReference? Reference(ParseResult parse, DatasetOptions datasets, string? model, TrainingState? state,
        TextWriter stderr)
    {
        if (Bundled(model) is { } bundled)
        {
            return bundled.Reference();
        }

        if (state?.Data is null)
        {
            stderr.WriteLine($"rollnet: no summary of the music: {model} does not say what data it learnt");
            return null;
        }

        string? missing = null;
        foreach (TrainingState stage in state.Stages())
        {
            if (stage.Data is not { } data)
            {
                break;
            }

            PianoRollDataset dataset;
            try
            {
                dataset = datasets.Load(parse, data, stage.Seed, TextWriter.Null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                missing ??= e.Message;
                continue;
            }

            if (missing is not null)
            {
                stderr.WriteLine($"rollnet: {missing}; the music is summed up beside {data}, which the model learnt before it");
            }

            string title = DatasetCatalog.Find(dataset.Name)?.Title ?? dataset.Name;
            return stage.TopVoice == true
                ? MusicReference.Of($"{title}, training split, top voice", dataset.TopVoice().Train)
                : MusicReference.Of($"{title}, training split", dataset.Train);
        }

        stderr.WriteLine($"rollnet: no summary of the music beside the data the model learnt: {missing}");
        return null;
    }
}
