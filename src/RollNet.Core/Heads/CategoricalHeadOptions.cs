using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// A softmax over the K + 1 classes of a frame: one per key, the frame's highest sounding key, and one for silence
/// (as Magenta's Melody RNN models a melody). It models monophonic music: trained on frames with several keys it
/// learns their highest, and it draws one key or none a frame. It has no options of its own: <see cref="HeadOptions.Categorical"/>.
/// </summary>
internal sealed record CategoricalHeadOptions : HeadOptions
{
    /// <inheritdoc/>
    public override string Name => "categorical";

    /// <inheritdoc/>
    public override string Description => "categorical head: one key or a rest a step, a melody";

    internal override string Summary => "categorical (one key or a rest a step: a melody, the highest key of each frame)";

    internal override int FirstFormatVersion => 6;

    internal override string OutputBiasName => CategoricalHead.BiasName;

    internal override IReadOnlyList<HeadTensor> Tensors(HeadShape shape) => CategoricalHead.TensorsOf(shape.HiddenSize, shape.Keys);

    internal override OutputHead Create(Backend backend, HeadShape shape, BufferSlice parameters) =>
        new CategoricalHead(backend, shape.HiddenSize, shape.Keys, parameters);

    /// <summary>
    /// Each class's log-probability: of a key, how often it sounds (in a melody, how often it is the frame's one key);
    /// of the rest, how often none does, 1 − Σ p (at least the rarest key's, should the keys sound together).
    /// </summary>
    internal override float[] OutputBiasStart(ReadOnlySpan<double> probabilities)
    {
        double sounding = 0, rarest = 1;
        foreach (double p in probabilities)
        {
            (sounding, rarest) = (sounding + p, Math.Min(rarest, p));
        }

        double rest = Math.Max(1 - sounding, rarest), total = sounding + rest;
        var logProbabilities = new float[probabilities.Length + 1];
        for (int k = 0; k < probabilities.Length; k++)
        {
            logProbabilities[k] = (float)Math.Log(probabilities[k] / total);
        }

        logProbabilities[^1] = (float)Math.Log(rest / total);
        return logProbabilities;
    }
}
