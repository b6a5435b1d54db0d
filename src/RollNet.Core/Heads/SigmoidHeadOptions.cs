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

    /// <inheritdoc/>
    public override string Description => "sigmoid head: each key drawn on its own";

    internal override string Summary => "sigmoid (the paper's, keys independent)";

    internal override int FirstFormatVersion => 1;

    internal override string OutputBiasName => SigmoidHead.BiasName;

    internal override IReadOnlyList<HeadTensor> Tensors(HeadShape shape) =>
        SigmoidHead.TensorsOf(shape.HiddenSize, shape.Keys);

    internal override OutputHead Create(Backend backend, HeadShape shape, BufferSlice parameters) =>
        new SigmoidHead(backend, shape.HiddenSize, shape.Keys, parameters);
}
