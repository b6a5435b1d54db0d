using RollNet.Compute;

namespace RollNet.Layers;

/// <summary>The mask and output of a <see cref="DropoutLayer"/> pass, held by the caller; sized for the largest pass.</summary>
internal sealed class DropoutActivations : IDisposable
{
    private readonly Backend _backend;
    private DeviceBuffer? _mask, _output;
    private int _length;

    public DropoutActivations(Backend backend) => _backend = backend;

    /// <summary>Whether the last pass dropped anything (training with p &gt; 0); otherwise it passed its input through.</summary>
    public bool Active { get; private set; }

    /// <summary>The mask of the last active pass: 0 or 1/(1−p) per element.</summary>
    public BufferSlice Mask => _mask!.Slice(0, _length);

    /// <summary>The masked input of the last active pass.</summary>
    public BufferSlice Output => _output!.Slice(0, _length);

    /// <summary>Records an inactive pass, which needs no storage.</summary>
    public void Bypass() => Active = false;

    /// <summary>Makes room for an active pass over <paramref name="length"/> elements.</summary>
    public void Prepare(int length)
    {
        if (_mask is null || _mask.Length < length)
        {
            Dispose();
            _mask = _backend.Allocate(length);
            _output = _backend.Allocate(length);
        }

        _length = length;
        Active = true;
    }

    public void Dispose()
    {
        _mask?.Dispose();
        _output?.Dispose();
    }
}
