using RollNet.Heads;

namespace RollNet.Model;

/// <summary>
/// The shape of a model: a stack of LSTM layers, dropout between them, and an output head. A caller passes it to a new
/// <see cref="RollModel"/> or sets <see cref="Training.TrainingRunOptions.Model"/> to it to choose the model's size.
/// </summary>
/// <param name="Layers">Number of stacked LSTM layers.</param>
/// <param name="HiddenSize">Units in each LSTM layer.</param>
/// <param name="Dropout">Probability of dropping a unit of each LSTM layer's output while training.</param>
/// <param name="InputSize">Width of an input frame (88 piano keys).</param>
/// <param name="OutputSize">Width of an output frame (88 piano keys).</param>
/// <param name="Head">
/// The output head and its options; null chooses the paper's sigmoid head. Each kind of head is a record deriving from
/// <see cref="HeadOptions"/>.
/// </param>
public sealed record ModelConfig(
    int Layers = 2,
    int HiddenSize = 1024,
    float Dropout = 0.5f,
    int InputSize = ModelConfig.PianoKeys,
    int OutputSize = ModelConfig.PianoKeys,
    HeadOptions? Head = null)
{
    private readonly HeadOptions _head = Head ?? HeadCatalog.Default;

    /// <summary>The output head and its options (the paper's sigmoid head unless told otherwise).</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public HeadOptions Head
    {
        get => _head;
        init => _head = value ?? throw new ArgumentNullException(nameof(Head));
    }

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

        Head.Validate(HeadShape);
        return this;
    }

    /// <summary>What the output head sees of the model.</summary>
    internal HeadShape HeadShape => new(HiddenSize, InputSize, OutputSize);

    /// <summary>Input width of LSTM layer <paramref name="layer"/>.</summary>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : HiddenSize;

    /// <summary>How many float32 parameters a model of this configuration has: its size, for a description of it.</summary>
    public int ParameterCount() => new ParameterLayout(this).Length;
}
