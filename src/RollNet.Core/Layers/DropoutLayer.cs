using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>
/// Inverted dropout: while training each unit is zeroed with probability p and the survivors scaled by 1/(1−p),
/// so inference needs no rescaling. The mask comes from a counter-based generator keyed by (seed, stream).
/// </summary>
public sealed class DropoutLayer : IDisposable
{
    private readonly Backend _backend;
    private DeviceBuffer? _mask, _output;
    private int _length;
    private bool _active;

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

    /// <summary>The mask of the last training forward pass (for tests that hold it fixed).</summary>
    public BufferSlice Mask => _mask!.Slice(0, _length);

    /// <summary>Draws a new mask and applies it; returns the input itself when not training or p = 0.</summary>
    public BufferSlice Forward(BufferSlice input, bool training, ulong seed, ulong stream)
    {
        _active = training && Probability > 0;
        if (!_active)
        {
            return input;
        }

        Prepare(input.Length);
        _backend.DropoutMask(Mask, Probability, seed, stream);
        return Apply(input);
    }

    /// <summary>Applies a given mask instead of drawing one (gradient checks hold the mask fixed this way).</summary>
    public BufferSlice Forward(BufferSlice input, BufferSlice mask)
    {
        _active = true;
        Prepare(input.Length);
        _backend.Copy(mask, Mask);
        return Apply(input);
    }

    /// <summary>dL/dx = dL/dy ⊙ mask, written over <paramref name="dOutput"/>.</summary>
    public void Backward(BufferSlice dOutput)
    {
        if (_active)
        {
            _backend.Multiply(dOutput, Mask, dOutput);
        }
    }

    public void Dispose()
    {
        _mask?.Dispose();
        _output?.Dispose();
    }

    private void Prepare(int length)
    {
        if (_mask is null || _mask.Length < length)
        {
            Dispose();
            _mask = _backend.Allocate(length);
            _output = _backend.Allocate(length);
        }

        _length = length;
    }

    private BufferSlice Apply(BufferSlice input)
    {
        BufferSlice output = _output!.Slice(0, _length);
        _backend.Multiply(input, Mask, output);
        return output;
    }
}
