using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// What a <see cref="NadeHead"/> pass keeps (N = rows, K keys, M NADE hidden units): each row's visible and hidden
/// biases (N×K, N×M) and the gradients of the loss, plus host copies of the biases for decoding and drawing frames.
/// </summary>
internal sealed class NadeHeadActivations : HeadActivations
{
    private readonly Backend _backend;
    private readonly int _keys, _nadeHidden;
    private DeviceBuffer? _visibleBias, _hiddenBias, _dVisibleBias, _dHiddenBias;
    private int _capacity;

    public NadeHeadActivations(Backend backend, int keys, int nadeHidden)
    {
        _backend = backend;
        _keys = keys;
        _nadeHidden = nadeHidden;
    }

    /// <summary>c, each row's visible biases (N×K).</summary>
    public BufferSlice VisibleBias => _visibleBias!.Slice(0, Rows * _keys);

    /// <summary>d, each row's hidden biases (N×M).</summary>
    public BufferSlice HiddenBias => _hiddenBias!.Slice(0, Rows * _nadeHidden);

    /// <summary>dL/dc = dz, written by the loss (N×K).</summary>
    public BufferSlice DVisibleBias => _dVisibleBias!.Slice(0, Rows * _keys);

    /// <summary>dL/dd, written by the backward pass (N×M).</summary>
    public BufferSlice DHiddenBias => _dHiddenBias!.Slice(0, Rows * _nadeHidden);

    /// <summary>The targets and mask the last loss read, which the backward pass reads again.</summary>
    public (BufferSlice Targets, BufferSlice RowMask) LossInputs { get; set; }

    /// <summary>Host copies of c and d for the last pass, or null until something needs them.</summary>
    public (float[] VisibleBias, float[] HiddenBias)? Host { get; set; }

    public void Prepare(int rows)
    {
        if (rows > _capacity)
        {
            Dispose();
            _capacity = rows;
            _visibleBias = _backend.Allocate(rows * _keys);
            _hiddenBias = _backend.Allocate(rows * _nadeHidden);
            _dVisibleBias = _backend.Allocate(rows * _keys);
            _dHiddenBias = _backend.Allocate(rows * _nadeHidden);
        }

        Rows = rows;
        Host = null;
    }

    public override void Dispose()
    {
        _visibleBias?.Dispose();
        _hiddenBias?.Dispose();
        _dVisibleBias?.Dispose();
        _dHiddenBias?.Dispose();
    }
}
