using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// An output head and its options: how a model turns its top LSTM state into the probability of the next frame. Each
/// kind of head is one record deriving from this one (<see cref="Sigmoid"/>, the default, <see cref="Categorical"/>, or a
/// <see cref="NadeHeadOptions"/> with its options); everything about a
/// kind — its name, its settings on the command line and in a checkpoint, its tensors, how it is described and the
/// head it builds — lives with it, so the rest of RollNet never asks which kind a model has. A caller sets
/// <see cref="Model.ModelConfig.Head"/> to one to choose a model's output head.
/// </summary>
public abstract record HeadOptions
{
    private protected HeadOptions()
    {
    }

    /// <summary>The paper's output head, the default: one sigmoid unit per key, each key drawn independently of the others.</summary>
    public static HeadOptions Sigmoid { get; } = new SigmoidHeadOptions();

    /// <summary>
    /// A softmax over the keys of a frame and a rest, for monophonic music: it learns each frame's highest sounding key
    /// (a melody, as Magenta's Melody RNN does) and draws one key or none a step.
    /// </summary>
    public static HeadOptions Categorical { get; } = new CategoricalHeadOptions();

    /// <summary>The kind's name in checkpoints, on the command line (<c>--head</c>) and on the page, such as <c>nade</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The head in a sentence: what it is and how it draws a frame, such as "sigmoid head: each key drawn on its own".</summary>
    public abstract string Description { get; }

    /// <summary>The kind in a few words, for the help of <c>--head</c>.</summary>
    internal abstract string Summary { get; }

    /// <summary>The kind's settings besides the model's own, in the order its checkpoint fields are written; none unless a kind has some.</summary>
    internal virtual IReadOnlyList<HeadSetting> Settings => [];

    /// <summary>The first checkpoint format version that can hold this kind.</summary>
    internal abstract int FirstFormatVersion { get; }

    /// <summary>
    /// The options that the command line's <paramref name="given"/> settings (by name; "true" for a flag) choose for
    /// frames of <paramref name="keys"/> keys, the lowest of which is MIDI note <paramref name="lowestNote"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range, named as the user gave it.</exception>
    internal virtual HeadOptions FromSettings(IReadOnlyDictionary<string, string> given, int lowestNote, int keys) => this;

    /// <summary>
    /// The lowest checkpoint format version that holds these options in a model of <paramref name="shape"/>, so that
    /// older readers read what they can.
    /// </summary>
    internal virtual int FormatVersion(HeadShape shape) => FirstFormatVersion;

    /// <summary>Writes the fields a checkpoint of format <paramref name="version"/> holds for these options; a kind without settings has none.</summary>
    internal virtual void WriteFields(HeadFields fields, HeadShape shape, int version)
    {
    }

    /// <summary>The options that <paramref name="fields"/> of a checkpoint of format <paramref name="version"/> hold (a kind without settings: itself).</summary>
    /// <exception cref="ArgumentException">A field the version requires is missing or malformed, or one it lacks is present.</exception>
    internal virtual HeadOptions ReadFields(HeadFields fields, int version, int outputSize) => this;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that does not suit <paramref name="shape"/>.</summary>
    internal virtual void Validate(HeadShape shape)
    {
    }

    /// <summary>The head's parameter tensors in a model of <paramref name="shape"/>, in buffer order.</summary>
    internal abstract IReadOnlyList<HeadTensor> Tensors(HeadShape shape);

    /// <summary>The tensor that holds each key's bias of its log-odds (K), which training may start at the data's.</summary>
    internal abstract string OutputBiasName { get; }

    /// <summary>The head of a model of <paramref name="shape"/> over <paramref name="parameters"/>, its region of the flat buffer.</summary>
    internal abstract OutputHead Create(Backend backend, HeadShape shape, BufferSlice parameters);

    /// <summary>
    /// Where the tensor <see cref="OutputBiasName"/> starts given how often each key sounds in the training data,
    /// <paramref name="probabilities"/> (per key, lowest first, each strictly between 0 and 1): unless a kind says
    /// otherwise, each key's log-odds, in the order the head decides the keys.
    /// </summary>
    internal virtual float[] OutputBiasStart(ReadOnlySpan<double> probabilities)
    {
        var logOdds = new float[probabilities.Length];
        for (int k = 0; k < logOdds.Length; k++)
        {
            logOdds[k] = (float)Math.Log(probabilities[k] / (1 - probabilities[k]));
        }

        // A head that decides the keys in another order holds its biases in that order.
        return DecisionOrder(logOdds.Length) is { } order ? [.. order.Select(key => logOdds[key])] : logOdds;
    }

    /// <summary>
    /// The key at each position of the order the head decides them in (position j decides key order[j]), or null for
    /// ascending: a head deciding the keys in another order is the same head over frames whose keys are rearranged.
    /// </summary>
    internal virtual int[]? DecisionOrder(int keys) => null;
}
