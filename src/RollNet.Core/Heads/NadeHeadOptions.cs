using System.Globalization;
using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// A NADE over the keys of a frame (RNN-NADE, Boulanger-Lewandowski et al. 2012): each key's probability depends on the
/// keys decided before it in the same frame, so the model learns which notes sound together. A caller sets
/// <see cref="Model.ModelConfig.Head"/> to one to give a model this head.
/// </summary>
/// <param name="Hidden">Hidden units of the NADE.</param>
/// <param name="Order">The order in which the head decides the keys of a frame.</param>
/// <param name="InputBias">
/// Whether the visible and hidden biases also depend on the input frame directly (the frame before the one predicted),
/// through two more learned maps, as the RNN-RBM conditions its biases.
/// </param>
/// <param name="ParallelBias">
/// Whether the visible bias of the key that completes a frame's outer voices also learns from how they move: one
/// learned weight per interval class, added when both outer voices would move the same way as from the frame before
/// and keep their interval class, as parallel fifths and octaves do. Only in <see cref="KeyOrder.OutsideIn"/> order
/// (which knows the outer voices as it decides them), with an input frame at least as wide as the output.
/// </param>
/// <param name="Split">
/// With the outside-in order, the lowest key (counted from 0) of the upper side: the scans from the top and from the
/// bottom take turns until one side is done. Null splits the keys in the middle, at OutputSize / 2. A frame whose outer
/// voices lie on either side of the split has both decided before its inner voices, so a split between where the
/// data's basses and top voices lie serves <paramref name="ParallelBias"/> best.
/// </param>
public sealed record NadeHeadOptions(
    int Hidden = NadeHeadOptions.DefaultHidden,
    KeyOrder Order = KeyOrder.Ascending,
    bool InputBias = false,
    bool ParallelBias = false,
    int? Split = null) : HeadOptions
{
    /// <summary>Hidden units unless told otherwise: 150, as in RNN-NADE (Boulanger-Lewandowski et al. 2012).</summary>
    public const int DefaultHidden = 150;

    /// <summary>The most hidden units a NADE head may have.</summary>
    public const int MaxHidden = 4096;

    private static readonly HeadSetting HiddenSetting = new("hidden",
        $"Hidden units of the NADE head (RNN-NADE used {DefaultHidden}) [default: {DefaultHidden}]");

    private static readonly HeadSetting OrderSetting = new("order",
        "Order in which the NADE head decides the keys of a frame: ascending (the bass first), descending (the top voice "
        + "first, so harmonize draws the voices beneath a melody given it exactly) or outsidein (the outer voices first) "
        + "[default: ascending]", HelpName: "ascending|descending|outsidein");

    private static readonly HeadSetting InputBiasSetting = new("input-bias",
        "Make the NADE head's biases depend on the previous frame directly too, not only through the LSTM (as the RNN-RBM "
        + "conditions its biases)", IsFlag: true);

    private static readonly HeadSetting ParallelBiasSetting = new("parallel-bias",
        "Let the NADE head learn, per interval class, how likely the outer voices are to move the same way keeping their "
        + "interval (parallel fifths and octaves); with --nade-order outsidein only", IsFlag: true);

    private static readonly HeadSetting SplitSetting = new("split",
        "With --nade-order outsidein, the MIDI note where the scans from the top and from the bottom meet (the lowest note "
        + "of the upper side); best between where the data's basses and top voices lie [default: 65, the middle of the "
        + "keyboard]", HelpName: "note");

    // The command line's names of the orders; a checkpoint writes KeyOrder's JSON names.
    private static readonly Dictionary<string, KeyOrder> OrderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ascending"] = KeyOrder.Ascending,
        ["descending"] = KeyOrder.Descending,
        ["outsidein"] = KeyOrder.OutsideIn,
    };

    /// <inheritdoc/>
    public override string Name => "nade";

    internal override string Summary => "nade (keys of a frame modelled jointly)";

    internal override IReadOnlyList<HeadSetting> Settings =>
        [HiddenSetting, OrderSetting, InputBiasSetting, ParallelBiasSetting, SplitSetting];

    internal override int FirstFormatVersion => 2;

    internal override string OutputBiasName => NadeHead.VisibleBiasName;

    internal override HeadOptions FromSettings(IReadOnlyDictionary<string, string> given, int lowestNote, int keys)
    {
        var options = new NadeHeadOptions(
            given.TryGetValue(HiddenSetting.Name, out string? hidden) ? Whole(HiddenSetting, hidden, 1, MaxHidden) : DefaultHidden,
            given.TryGetValue(OrderSetting.Name, out string? order) ? OrderNamed(order) : KeyOrder.Ascending,
            given.ContainsKey(InputBiasSetting.Name),
            given.ContainsKey(ParallelBiasSetting.Name),
            given.TryGetValue(SplitSetting.Name, out string? split)
                ? Whole(SplitSetting, split, lowestNote + 1, lowestNote + keys - 1) - lowestNote
                : null);

        // Named as the user gave them, before the model's own check names its fields.
        foreach (HeadSetting setting in new[] { ParallelBiasSetting, SplitSetting })
        {
            if (given.ContainsKey(setting.Name) && options.Order != KeyOrder.OutsideIn)
            {
                throw new ArgumentException($"{setting.Option(Name)} needs --head nade --nade-order outsidein");
            }
        }

        return options;
    }

    internal override int FormatVersion(HeadShape shape) =>
        ParallelBias || SplitOf(shape.Keys) != shape.Keys / 2 ? 5
        : InputBias ? 4
        : Order == KeyOrder.Ascending ? 2 : 3;

    internal override void WriteFields(HeadFields fields, HeadShape shape, int version)
    {
        fields.Set(HiddenSetting.Field(Name), Hidden, HeadFields.Types.Int32);
        if (version >= 3)
        {
            fields.Set(OrderSetting.Field(Name), Order, HeadFields.Types.KeyOrder);
        }

        if (version >= 4)
        {
            fields.Set(InputBiasSetting.Field(Name), InputBias, HeadFields.Types.Boolean);
        }

        if (version >= 5)
        {
            fields.Set(ParallelBiasSetting.Field(Name), ParallelBias, HeadFields.Types.Boolean);
            fields.Set(SplitSetting.Field(Name), SplitOf(shape.Keys), HeadFields.Types.Int32);
        }
    }

    /// <summary>
    /// Version 2 holds the hidden units; version 3 adds the key order, required (files of version 2 decide the keys in
    /// ascending order); version 4 whether the biases depend on the input frame; version 5 whether they learn from the
    /// outer voices' motion and, in outside-in order, the split.
    /// </summary>
    internal override HeadOptions ReadFields(HeadFields fields, int version, int outputSize)
    {
        string hiddenField = HiddenSetting.Field(Name), orderField = OrderSetting.Field(Name);
        string inputField = InputBiasSetting.Field(Name), parallelField = ParallelBiasSetting.Field(Name);
        string splitField = SplitSetting.Field(Name);
        int? hidden = fields.Get(hiddenField, HeadFields.Types.Int32);
        KeyOrder? order = fields.Get(orderField, HeadFields.Types.KeyOrder);
        bool? inputBias = fields.Get(inputField, HeadFields.Types.Boolean);
        bool? parallel = fields.Get(parallelField, HeadFields.Types.Boolean);
        int? split = fields.Get(splitField, HeadFields.Types.Int32);
        string? problem =
            version <= 4 && (parallel is not null || split is not null) ? $"a version {version} header has no {parallelField} or {splitField}"
            : version >= 5 && parallel is null ? $"a version 5 header of a NADE head needs {parallelField}"
            : version >= 5 && order == KeyOrder.OutsideIn && split is null ? $"a version 5 header of an outside-in NADE head needs {splitField}"
            : version <= 3 && inputBias is not null ? $"a version {version} header has no {inputField}"
            : version >= 4 && inputBias is null ? $"a version 4 header of a NADE head needs {inputField}"
            : version == 2 && order is not null ? $"a version 2 header has no {orderField}"
            : version >= 3 && order is null ? $"a version 3 header of a NADE head needs {orderField}"
            : hidden is null ? $"a NADE head needs {hiddenField}"
            : null;
        return problem is not null
            ? throw new ArgumentException(problem)
            : new NadeHeadOptions(hidden!.Value, order ?? KeyOrder.Ascending, inputBias ?? false, parallel ?? false,
                split == outputSize / 2 ? null : split);
    }

    internal override void Validate(HeadShape shape)
    {
        if (Hidden is < 1 or > MaxHidden)
        {
            throw new ArgumentException($"the NADE head's Hidden must lie in 1…{MaxHidden}, not {Hidden}");
        }

        if (!Enum.IsDefined(Order))
        {
            throw new ArgumentException($"the NADE head's Order must be a KeyOrder, not {Order}");
        }

        if (ParallelBias && (Order != KeyOrder.OutsideIn || shape.InputSize < shape.Keys))
        {
            throw new ArgumentException(
                $"the NADE head's ParallelBias needs the outside-in order and InputSize ≥ OutputSize, not {Order} order with {shape.InputSize} and {shape.Keys}");
        }

        if (Split is { } split && (Order != KeyOrder.OutsideIn || split < 1 || split >= shape.Keys))
        {
            throw new ArgumentException(
                $"the NADE head's Split needs the outside-in order and must lie in 1…{shape.Keys - 1}, not {split} with {Order}");
        }
    }

    internal override IReadOnlyList<HeadTensor> Tensors(HeadShape shape) =>
        NadeHead.TensorsOf(shape.HiddenSize, shape.Keys, Hidden, InputBias ? shape.InputSize : null, ParallelBias);

    internal override OutputHead Create(Backend backend, HeadShape shape, BufferSlice parameters) =>
        new NadeHead(backend, shape.HiddenSize, shape.Keys, Hidden, shape.InputSize, InputBias,
            ParallelBias ? SplitOf(shape.Keys) : null, parameters);

    /// <inheritdoc/>
    public override string Description => $"NADE head ({Hidden} units): a frame's keys drawn together";

    internal override int[]? DecisionOrder(int keys) => Order switch
    {
        KeyOrder.Descending => [.. Enumerable.Range(0, keys).Reverse()],
        KeyOrder.OutsideIn => [.. Enumerable.Range(0, keys).Select(j => OutsideInOrder.KeyAt(j, keys, SplitOf(keys)))],
        _ => null,
    };

    /// <summary>The lowest key of the upper side of the outside-in order: <see cref="Split"/>, else the middle.</summary>
    internal int SplitOf(int keys) => Split ?? (keys / 2);

    private int Whole(HeadSetting setting, string value, int minimum, int maximum) =>
        !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number)
            ? throw new ArgumentException($"{setting.Option(Name)} must be a whole number, not '{value}'")
            : number < minimum ? throw new ArgumentException($"{setting.Option(Name)} must be at least {minimum}")
            : number > maximum ? throw new ArgumentException($"{setting.Option(Name)} must be at most {maximum}")
            : number;

    private KeyOrder OrderNamed(string value) => OrderNames.TryGetValue(value, out KeyOrder order)
        ? order
        : throw new ArgumentException(
            $"{OrderSetting.Option(Name)} must be one of {string.Join(", ", OrderNames.Keys)}, not '{value}'");
}
