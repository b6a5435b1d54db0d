using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Model;

/// <summary>
/// Scratch space of <see cref="RollModel.Backward"/>, allocated by training only: each LSTM layer's backward buffers
/// and two T×B×H gradients that take turns as dL/d(layer output) and dL/d(layer input).
/// </summary>
internal sealed class ModelBackwardBuffers : IDisposable
{
    private readonly Backend _backend;
    private readonly int _hiddenSize;
    private DeviceBuffer? _dHiddenA, _dHiddenB;

    public ModelBackwardBuffers(Backend backend, ModelConfig config)
    {
        _backend = backend;
        _hiddenSize = config.HiddenSize;
        Lstm = [.. Enumerable.Range(0, config.Layers).Select(_ => new LstmBackwardBuffers(backend, config.HiddenSize))];
    }

    public LstmBackwardBuffers[] Lstm { get; }

    /// <summary>The two T×B×H gradients for a pass of <paramref name="rows"/> rows.</summary>
    public (BufferSlice A, BufferSlice B) Hidden(int rows)
    {
        int length = rows * _hiddenSize;
        if (_dHiddenA is null || _dHiddenA.Length < length)
        {
            _dHiddenA?.Dispose();
            _dHiddenB?.Dispose();
            _dHiddenA = _backend.Allocate(length);
            _dHiddenB = _backend.Allocate(length);
        }

        return (_dHiddenA.Slice(0, length), _dHiddenB!.Slice(0, length));
    }

    public void Dispose()
    {
        foreach (LstmBackwardBuffers b in Lstm)
        {
            b.Dispose();
        }

        _dHiddenA?.Dispose();
        _dHiddenB?.Dispose();
    }
}
