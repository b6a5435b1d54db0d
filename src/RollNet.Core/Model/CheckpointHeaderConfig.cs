using System.Text.Json.Serialization;

namespace RollNet.Model;

/// <summary>
/// The "config" object of a checkpoint header. Kept apart from <see cref="ModelConfig"/> so that every field is
/// required in the file (a missing one must not silently take a default) and renaming a property cannot change the
/// format. Version 1 has no head: its models are the sigmoid head's. Version 2 adds the head and, for the NADE head,
/// its hidden units; both are then required. Version 3 adds the NADE's key order, required there; files of version 2
/// decide the keys in ascending order. Version 4 adds
/// whether the NADE's biases also depend on the input frame, required there and written only when they do. Version 5
/// adds whether they learn from the outer voices' motion, required there, and the split of the outside-in order, required
/// with it; both are written only for a model that learns so or splits its keys elsewhere than in the middle.
/// </summary>
internal sealed record CheckpointHeaderConfig(
    int Layers,
    int HiddenSize,
    float Dropout,
    int InputSize,
    int OutputSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OutputHeadKind? Head = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NadeHidden = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KeyOrder? NadeOrder = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NadeInputBias = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NadeParallelBias = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NadeSplit = null)
{
    /// <summary>
    /// The lowest format version that holds <paramref name="config"/>, so that older readers read what they can: 1 for
    /// the sigmoid head, 2 for the NADE head in ascending order, 3 for another order, 4 for biases that depend on the
    /// input frame, 5 for biases that learn from the outer voices' motion or an outside-in order split off the middle.
    /// </summary>
    public static int VersionFor(ModelConfig config) =>
        config.Head == OutputHeadKind.Sigmoid ? 1
        : config.NadeParallelBias || config.OutsideInSplit() != config.OutputSize / 2 ? 5
        : config.NadeInputBias ? 4
        : config.NadeOrder == KeyOrder.Ascending ? 2 : 3;

    public static CheckpointHeaderConfig From(ModelConfig config) => VersionFor(config) switch
    {
        1 => new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize),
        2 => new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize, config.Head,
            config.NadeHidden),
        3 => new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize, config.Head,
            config.NadeHidden, config.NadeOrder),
        4 => new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize, config.Head,
            config.NadeHidden, config.NadeOrder, config.NadeInputBias),
        _ => new(config.Layers, config.HiddenSize, config.Dropout, config.InputSize, config.OutputSize, config.Head,
            config.NadeHidden, config.NadeOrder, config.NadeInputBias, config.NadeParallelBias, config.OutsideInSplit()),
    };

    /// <summary>The model configuration this object describes in a file of format <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">A field the version requires is missing, or one it lacks is present.</exception>
    public ModelConfig ToModelConfig(int version)
    {
        if (version == 1)
        {
            return Head is null && NadeHidden is null && NadeOrder is null && NadeInputBias is null && NadeParallelBias is null
                && NadeSplit is null
                ? new(Layers, HiddenSize, Dropout, InputSize, OutputSize)
                : throw new ArgumentException(
                    "a version 1 header has no head, nadeHidden, nadeOrder, nadeInputBias, nadeParallelBias or nadeSplit");
        }

        if (version <= 4 && (NadeParallelBias is not null || NadeSplit is not null))
        {
            throw new ArgumentException($"a version {version} header has no nadeParallelBias or nadeSplit");
        }

        if (version >= 5 && Head == OutputHeadKind.Nade && NadeParallelBias is null)
        {
            throw new ArgumentException("a version 5 header of a NADE head needs nadeParallelBias");
        }

        if (version >= 5 && NadeOrder == KeyOrder.OutsideIn && NadeSplit is null)
        {
            throw new ArgumentException("a version 5 header of an outside-in NADE head needs nadeSplit");
        }

        if (version <= 3 && NadeInputBias is not null)
        {
            throw new ArgumentException($"a version {version} header has no nadeInputBias");
        }

        if (version >= 4 && Head == OutputHeadKind.Nade && NadeInputBias is null)
        {
            throw new ArgumentException("a version 4 header of a NADE head needs nadeInputBias");
        }

        if (version == 2 && NadeOrder is not null)
        {
            throw new ArgumentException("a version 2 header has no nadeOrder");
        }

        if (version >= 3 && Head == OutputHeadKind.Nade && NadeOrder is null)
        {
            throw new ArgumentException("a version 3 header of a NADE head needs nadeOrder");
        }

        if (Head is not { } head)
        {
            throw new ArgumentException("a header of version 2 or later must name its head");
        }

        if (head == OutputHeadKind.Nade && NadeHidden is null)
        {
            throw new ArgumentException("a NADE head needs nadeHidden");
        }

        return new(Layers, HiddenSize, Dropout, InputSize, OutputSize, head, NadeHidden ?? ModelConfig.DefaultNadeHidden,
            NadeOrder ?? KeyOrder.Ascending, NadeInputBias ?? false, NadeParallelBias ?? false,
            NadeSplit == OutputSize / 2 ? null : NadeSplit);
    }
}
