using RollNet.Compute;
using RollNet.Heads;

namespace RollNet.Model;

/// <summary>
/// Where every parameter tensor of a <see cref="ModelConfig"/> lives in one flat buffer. Gradients and optimizer
/// moments use the same offsets, so zeroing, clipping and updates are single flat operations.
/// </summary>
/// <remarks>
/// Per LSTM layer l: <c>lstm{l}.w</c> (4H×I), <c>lstm{l}.u</c> (4H×H), <c>lstm{l}.b</c> (4H), gates in the order
/// i, f, g (C~), o. Then the output head's tensors, as its options list them.
/// </remarks>
internal sealed class ParameterLayout
{
    private readonly Dictionary<string, ParameterTensor> _byName;

    /// <summary>Lays out the tensors of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is not a valid configuration.</exception>
    /// <exception cref="OverflowException">The model has more than <see cref="int.MaxValue"/> parameters.</exception>
    public ParameterLayout(ModelConfig config)
    {
        Config = config.Validate();
        var tensors = new List<ParameterTensor>();
        int offset = 0;
        void Add(string name, int rows, int cols)
        {
            tensors.Add(new ParameterTensor(name, offset, rows, cols));
            offset = checked(offset + (rows * cols));
        }

        int gates = 4 * config.HiddenSize;
        for (int l = 0; l < config.Layers; l++)
        {
            Add(WeightName(l), gates, config.LayerInputSize(l));
            Add(RecurrentName(l), gates, config.HiddenSize);
            Add(BiasName(l), 1, gates);
        }

        HeadOffset = offset;
        OutputBias = config.Head.OutputBiasName;
        foreach (HeadTensor tensor in config.Head.Tensors(config.HeadShape))
        {
            Add(tensor.Name, tensor.Rows, tensor.Cols);
        }

        Tensors = tensors;
        Length = offset;
        _byName = tensors.ToDictionary(t => t.Name);
    }

    /// <summary>The output head's bias of each key's log-odds (K), such as the sigmoid head's <c>out.b</c>.</summary>
    public string OutputBias { get; }

    /// <summary>The configuration laid out, as validated.</summary>
    public ModelConfig Config { get; }

    /// <summary>All tensors in buffer order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors { get; }

    /// <summary>Total parameter count.</summary>
    public int Length { get; }

    /// <summary>Where the output head's tensors start; they run to the end of the buffer.</summary>
    internal int HeadOffset { get; }

    /// <summary>The tensor called <paramref name="name"/>; <see cref="KeyNotFoundException"/> if there is none.</summary>
    public ParameterTensor this[string name] => _byName[name];

    /// <summary>The part of <paramref name="buffer"/> (parameters, gradients or moments) that holds tensor <paramref name="name"/>.</summary>
    public BufferSlice Slice(DeviceBuffer buffer, string name)
    {
        ParameterTensor tensor = this[name];
        return buffer.Slice(tensor.Offset, tensor.Length);
    }

    /// <summary>The part of <paramref name="buffer"/> that holds the output head's tensors.</summary>
    internal BufferSlice HeadSlice(DeviceBuffer buffer) => buffer.Slice(HeadOffset, Length - HeadOffset);

    /// <summary>The name of LSTM layer <paramref name="layer"/>'s input weights W (4H×I), e.g. <c>lstm0.w</c>.</summary>
    public static string WeightName(int layer) => $"lstm{layer}.w";

    /// <summary>The name of LSTM layer <paramref name="layer"/>'s recurrent weights U (4H×H), e.g. <c>lstm0.u</c>.</summary>
    public static string RecurrentName(int layer) => $"lstm{layer}.u";

    /// <summary>The name of LSTM layer <paramref name="layer"/>'s bias b (4H), e.g. <c>lstm0.b</c>.</summary>
    public static string BiasName(int layer) => $"lstm{layer}.b";
}
