using RollNet.Compute;

namespace RollNet.Model;

/// <summary>The shape of a model: a stack of LSTM layers, dropout between them, and an output head.</summary>
/// <param name="Layers">Number of stacked LSTM layers.</param>
/// <param name="HiddenSize">Units in each LSTM layer.</param>
/// <param name="Dropout">Probability of dropping a unit of each LSTM layer's output while training.</param>
/// <param name="InputSize">Width of an input frame (88 piano keys).</param>
/// <param name="OutputSize">Width of an output frame (88 piano keys).</param>
/// <param name="Head">The output head: the paper's sigmoid layer, or a NADE over the keys of a frame.</param>
/// <param name="NadeHidden">Hidden units of the NADE head (ignored by the sigmoid head).</param>
/// <param name="NadeOrder">
/// The order in which the NADE head decides the keys of a frame; the sigmoid head's keys are independent, so it must be
/// <see cref="KeyOrder.Ascending"/> there.
/// </param>
/// <param name="NadeInputBias">
/// Whether the NADE head's visible and hidden biases also depend on the input frame directly (the frame before the one
/// predicted), through two more learned maps, as the RNN-RBM conditions its biases; only with the NADE head.
/// </param>
/// <param name="NadeParallelBias">
/// Whether the NADE head's visible bias of the key that completes a frame's outer voices also learns from how they
/// move: one learned weight per interval class, added when both outer voices would move the same way as from the frame
/// before and keep their interval class, as parallel fifths and octaves do. Only with the NADE head deciding the keys
/// outside-in (which knows the outer voices as it decides them), and an input frame at least as wide as the output.
/// </param>
/// <param name="NadeSplit">
/// With the outside-in order, the lowest key (counted from 0) of the upper side: the scans from the top and from the
/// bottom take turns until one side is done. Null splits the keys in the middle, at OutputSize / 2. A frame whose outer
/// voices lie on either side of the split has both decided before its inner voices, so a split between where the
/// data's basses and top voices lie serves <paramref name="NadeParallelBias"/> best.
/// </param>
public sealed record ModelConfig(
    int Layers = 2,
    int HiddenSize = 1024,
    float Dropout = 0.5f,
    int InputSize = ModelConfig.PianoKeys,
    int OutputSize = ModelConfig.PianoKeys,
    OutputHeadKind Head = OutputHeadKind.Sigmoid,
    int NadeHidden = ModelConfig.DefaultNadeHidden,
    KeyOrder NadeOrder = KeyOrder.Ascending,
    bool NadeInputBias = false,
    bool NadeParallelBias = false,
    int? NadeSplit = null)
{
    /// <summary>
    /// The NADE head's hidden units unless told otherwise: 150, as in RNN-NADE (Boulanger-Lewandowski et al. 2012).
    /// </summary>
    public const int DefaultNadeHidden = 150;

    /// <summary>The most hidden units a NADE head may have.</summary>
    public const int MaxNadeHidden = 4096;

    /// <summary>The most LSTM layers a model may stack.</summary>
    public const int MaxLayers = 64;

    /// <summary>The most units an LSTM layer may have (its recurrent weights alone are 4·H² floats).</summary>
    public const int MaxHiddenSize = 16384;

    /// <summary>The most keys (or other inputs and outputs) a frame may have.</summary>
    public const int MaxFrameSize = 4096;

    /// <summary>Keys of a piano roll, MIDI 21 (A0) to 108 (C8).</summary>
    public const int PianoKeys = 88;

    /// <summary>The paper's configuration: two LSTM layers of 1024 units, dropout 0.5.</summary>
    public static ModelConfig Paper { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public ModelConfig Validate()
    {
        if (Layers is < 1 or > MaxLayers)
        {
            throw new ArgumentException($"Layers must lie in 1…{MaxLayers}, not {Layers}");
        }

        if (HiddenSize is < 1 or > MaxHiddenSize)
        {
            throw new ArgumentException($"HiddenSize must lie in 1…{MaxHiddenSize}, not {HiddenSize}");
        }

        if (InputSize is < 1 or > MaxFrameSize || OutputSize is < 1 or > MaxFrameSize)
        {
            throw new ArgumentException($"InputSize and OutputSize must lie in 1…{MaxFrameSize}, not {InputSize} and {OutputSize}");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentException($"Dropout must lie in [0, 1), not {Dropout}");
        }

        if (!Enum.IsDefined(Head))
        {
            throw new ArgumentException($"Head must be sigmoid or nade, not {Head}");
        }

        if (NadeHidden is < 1 or > MaxNadeHidden)
        {
            throw new ArgumentException($"NadeHidden must lie in 1…{MaxNadeHidden}, not {NadeHidden}");
        }

        if (!Enum.IsDefined(NadeOrder) || (NadeOrder != KeyOrder.Ascending && Head != OutputHeadKind.Nade))
        {
            throw new ArgumentException($"NadeOrder must be ascending, or another order with the NADE head, not {NadeOrder} with {Head}");
        }

        if (NadeInputBias && Head != OutputHeadKind.Nade)
        {
            throw new ArgumentException($"NadeInputBias needs the NADE head, not {Head}");
        }

        if (NadeParallelBias && (Head != OutputHeadKind.Nade || NadeOrder != KeyOrder.OutsideIn || InputSize < OutputSize))
        {
            throw new ArgumentException(
                $"NadeParallelBias needs the NADE head in outside-in order and InputSize ≥ OutputSize, not the {Head} head in {NadeOrder} order with {InputSize} and {OutputSize}");
        }

        if (NadeSplit is { } split && (NadeOrder != KeyOrder.OutsideIn || split < 1 || split >= OutputSize))
        {
            throw new ArgumentException(
                $"NadeSplit needs the outside-in order and must lie in 1…{OutputSize - 1}, not {split} with {NadeOrder}");
        }

        return this;
    }

    /// <summary>
    /// The key at each position of the order the head decides them in (position j decides key order[j]), or null for
    /// ascending: a NADE deciding the keys in another order is the same NADE over frames whose keys are rearranged.
    /// </summary>
    internal int[]? HeadKeyOrder() => Head != OutputHeadKind.Nade ? null : NadeOrder switch
    {
        KeyOrder.Descending => [.. Enumerable.Range(0, OutputSize).Reverse()],
        KeyOrder.OutsideIn => [.. Enumerable.Range(0, OutputSize).Select(j => OutsideInOrder.KeyAt(j, OutputSize, OutsideInSplit()))],
        _ => null,
    };

    /// <summary>The lowest key of the upper side of the outside-in order: <see cref="NadeSplit"/>, else the middle.</summary>
    internal int OutsideInSplit() => NadeSplit ?? (OutputSize / 2);

    /// <summary>The width of the input frame the NADE head's biases depend on, or null when they do not.</summary>
    internal int? NadeInputSize() => NadeInputBias ? InputSize : null;

    /// <summary>Input width of LSTM layer <paramref name="layer"/>.</summary>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : HiddenSize;

    /// <summary>How many float32 parameters a model of this configuration has: its size, for a description of it.</summary>
    public int ParameterCount() => new ParameterLayout(this).Length;
}
