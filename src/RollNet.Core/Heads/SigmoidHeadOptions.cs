using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// The paper's output head, the default: one sigmoid unit per key, each key drawn independently of the others. It has
/// no options of its own: <see cref="HeadOptions.Sigmoid"/>.
/// </summary>
internal sealed record SigmoidHeadOptions : HeadOptions
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    internal override string Summary => "sigmoid (the paper's, keys independent)";

    internal override IReadOnlyList<HeadSetting> Settings => [];

    internal override int FirstFormatVersion => 1;

    internal override string OutputBiasName => SigmoidHead.BiasName;

    internal override HeadOptions FromSettings(IReadOnlyDictionary<string, string> given, int lowestNote, int keys) => this;

    internal override int FormatVersion(HeadShape shape) => 1;

    internal override void WriteFields(HeadFields fields, HeadShape shape, int version)
    {
    }

    internal override HeadOptions ReadFields(HeadFields fields, int version, int outputSize) => this;

    internal override void Validate(HeadShape shape)
    {
    }

    internal override IReadOnlyList<HeadTensor> Tensors(HeadShape shape) =>
        SigmoidHead.TensorsOf(shape.HiddenSize, shape.Keys);

    internal override OutputHead Create(Backend backend, HeadShape shape, BufferSlice parameters) =>
        new SigmoidHead(backend, shape.HiddenSize, shape.Keys, parameters);

    /// <inheritdoc/>
    public override string Description => "sigmoid head: each key drawn on its own";
}
