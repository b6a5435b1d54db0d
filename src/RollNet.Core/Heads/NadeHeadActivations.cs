using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// What a <see cref="NadeHead"/> pass keeps (N = rows, K keys, M NADE hidden units): each row's visible and hidden
/// biases (N×K, N×M) and the gradients of the loss, plus host copies of the biases for decoding and drawing frames;
/// for a head whose biases learn from the motion of the outer voices, also the visible biases given the target frames
/// (N×K), which only the loss reads, each key's interval class (N×K), and the input frames the pass read.
/// </summary>
internal sealed class NadeHeadActivations : HeadActivations
{
    private readonly Backend _backend;
    private readonly int _keys, _nadeHidden;
    private readonly bool _parallel;
    private DeviceBuffer? _visibleBias, _hiddenBias, _dVisibleBias, _dHiddenBias, _targetVisibleBias, _classes;
    private int _capacity;

    public NadeHeadActivations(Backend backend, int keys, int nadeHidden, bool parallel)
    {
        _backend = backend;
        _keys = keys;
        _nadeHidden = nadeHidden;
        _parallel = parallel;
    }

    /// <summary>c, each row's visible biases (N×K).</summary>
    public BufferSlice VisibleBias => _visibleBias!.Slice(0, Rows * _keys);

    /// <summary>d, each row's hidden biases (N×M).</summary>
    public BufferSlice HiddenBias => _hiddenBias!.Slice(0, Rows * _nadeHidden);

    /// <summary>c with the outer voices' motion added for the target frames (N×K): what the loss reads.</summary>
    public BufferSlice TargetVisibleBias => _targetVisibleBias!.Slice(0, Rows * _keys);

    /// <summary>Each key's interval class for the target frames, or −1 (N×K), for the backward pass.</summary>
    public BufferSlice Classes => _classes!.Slice(0, Rows * _keys);

    /// <summary>The input frames the forward pass read (N×I).</summary>
    public BufferSlice Input { get; set; }

    /// <summary>dL/dc = dz, written by the loss (N×K).</summary>
    public BufferSlice DVisibleBias => _dVisibleBias!.Slice(0, Rows * _keys);

    /// <summary>dL/dd, written by the backward pass (N×M).</summary>
    public BufferSlice DHiddenBias => _dHiddenBias!.Slice(0, Rows * _nadeHidden);

    /// <summary>The targets and mask the last loss read, which the backward pass reads again.</summary>
    public (BufferSlice Targets, BufferSlice RowMask) LossInputs { get; set; }

    /// <summary>
    /// Host copies of c and d for the last pass, and of its input frames when parallel motion needs them (else empty),
    /// or null until something needs them.
    /// </summary>
    public (float[] VisibleBias, float[] HiddenBias, float[] Input)? Host { get; set; }

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
            _targetVisibleBias = _parallel ? _backend.Allocate(rows * _keys) : null;
            _classes = _parallel ? _backend.Allocate(rows * _keys) : null;
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
        _targetVisibleBias?.Dispose();
        _classes?.Dispose();
    }
}
