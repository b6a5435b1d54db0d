using System.Text.Json;
using System.Text.Json.Serialization;
using RollNet.Heads;

namespace RollNet.Model;

/// <summary>
/// The "config" object of a checkpoint header. Kept apart from <see cref="ModelConfig"/> so that every field is
/// required in the file (a missing one must not silently take a default) and renaming a property cannot change the
/// format. Version 1 has no head: its models are the sigmoid head's. From version 2 on the header names its head, and
/// the head's own fields follow, as its kind writes and reads them (<see cref="HeadOptions.WriteFields"/>); a file is
/// written in the lowest version that holds its head.
/// </summary>
internal sealed record CheckpointHeaderConfig(
    int Layers,
    int HiddenSize,
    float Dropout,
    int InputSize,
    int OutputSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Head = null)
{
    /// <summary>The head's fields, and any field this build does not know, in the order the file has them.</summary>
    /// <remarks>Settable rather than init-only: the JSON source generator binds extension data only so.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? HeadFields { get; set; }

    /// <summary>The lowest format version that holds <paramref name="config"/>, so that older readers read what they can.</summary>
    public static int VersionFor(ModelConfig config) => config.Head.FormatVersion(config.HeadShape);

    public static CheckpointHeaderConfig From(ModelConfig config)
    {
        int version = VersionFor(config);
        var fields = new HeadFields();
        config.Head.WriteFields(fields, config.HeadShape, version);
        return new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize,
            version == 1 ? null : config.Head.Name)
        {
            HeadFields = fields.Values.Count == 0 ? null : fields.Values,
        };
    }

    /// <summary>The model configuration this object describes in a file of format <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The head is unknown or too new for the version, a field the version requires is missing, or one it lacks is
    /// present.
    /// </exception>
    public ModelConfig ToModelConfig(int version)
    {
        var fields = new HeadFields(HeadFields);
        if (version == 1 && (Head is not null || HeadCatalog.Fields.Any(known => fields.Has(known.Field))))
        {
            throw new ArgumentException(
                $"a version 1 header has no head, {string.Join(", ", HeadCatalog.Fields.Select(known => known.Field))}");
        }

        HeadOptions kind = version == 1 ? HeadCatalog.Default
            : Head is null ? throw new ArgumentException("a header of version 2 or later must name its head")
            : HeadCatalog.Find(Head) ?? throw new ArgumentException(
                $"unknown head '{Head}'; this build knows {string.Join(", ", HeadCatalog.All.Select(h => h.Name))}");
        if (version < kind.FirstFormatVersion)
        {
            throw new ArgumentException($"a version {version} header cannot hold the {kind.Name} head");
        }

        foreach ((HeadOptions other, string field) in HeadCatalog.Fields)
        {
            if (other != kind && fields.Has(field))
            {
                throw new ArgumentException($"a header of the {kind.Name} head has no {field}");
            }
        }

        return new(Layers, HiddenSize, Dropout, InputSize, OutputSize, kind.ReadFields(fields, version, OutputSize));
    }
}
