using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// Inverted dropout: while training each unit is zeroed with probability p and the survivors scaled by 1/(1−p),
/// so inference needs no rescaling. The mask comes from a counter-based generator keyed by (seed, stream).
/// </summary>
internal sealed class DropoutLayer
{
    private readonly Backend _backend;

    public DropoutLayer(Backend backend, float probability)
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "dropout must lie in [0, 1)");
        }

        _backend = backend;
        Probability = probability;
    }

    public float Probability { get; }

    /// <summary>
    /// y = x ⊙ mask with a new mask drawn from (seed, stream) when training and p &gt; 0; otherwise returns the input
    /// itself.
    /// </summary>
    public BufferSlice Forward(DropoutActivations activations, BufferSlice input, bool training, ulong seed,
        ulong stream)
    {
        if (!training || Probability == 0)
        {
            activations.Bypass();
            return input;
        }

        activations.Prepare(input.Length);
        _backend.DropoutMask(activations.Mask, Probability, seed, stream);
        _backend.Multiply(input, activations.Mask, activations.Output);
        return activations.Output;
    }

    /// <summary>dL/dx = dL/dy ⊙ mask (y is x scaled element by element), written over <paramref name="dOutput"/>.</summary>
    public void Backward(DropoutActivations activations, BufferSlice dOutput)
    {
        if (activations.Active)
        {
            _backend.Multiply(dOutput, activations.Mask, dOutput);
        }
    }
}
