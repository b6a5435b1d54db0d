using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>The logits of a <see cref="SigmoidHead"/> pass and their gradient (N×K each), and host room for one row.</summary>
internal sealed class SigmoidHeadActivations : HeadActivations
{
    private readonly Backend _backend;
    private readonly int _keys;
    private DeviceBuffer? _logits, _dLogits, _probabilities;
    private float[]? _hostLogits;
    private bool _hostCurrent;

    public SigmoidHeadActivations(Backend backend, int keys)
    {
        _backend = backend;
        _keys = keys;
        RowLogits = new float[keys];
        RowProbabilities = new double[keys];
    }

    /// <summary>z = h·Wᵀ + b of the last pass (N×K).</summary>
    public BufferSlice Logits => _logits!.Slice(0, Rows * _keys);

    /// <summary>dL/dz written by the loss (N×K).</summary>
    public BufferSlice DLogits => _dLogits!.Slice(0, Rows * _keys);

    /// <summary>σ(z) of the last pass (N×K), made when asked for.</summary>
    public BufferSlice Probabilities
    {
        get
        {
            if (_probabilities is null || _probabilities.Length < Rows * _keys)
            {
                _probabilities?.Dispose();
                _probabilities = _backend.Allocate(_logits!.Length);
            }

            return _probabilities.Slice(0, Rows * _keys);
        }
    }

    /// <summary>
    /// The logits of the last pass on the host (N×K), downloaded once a pass: decisions at several thresholds read
    /// them without another transfer.
    /// </summary>
    public ReadOnlySpan<float> HostLogits()
    {
        if (!_hostCurrent)
        {
            if (_hostLogits is null || _hostLogits.Length < Rows * _keys)
            {
                _hostLogits = new float[_logits!.Length];
            }

            _backend.Download(Logits, _hostLogits.AsSpan(0, Rows * _keys));
            _hostCurrent = true;
        }

        return _hostLogits.AsSpan(0, Rows * _keys);
    }

    /// <summary>One row's logits on the host, for drawing a frame.</summary>
    public float[] RowLogits { get; }

    /// <summary>One row's probabilities at the drawing temperature.</summary>
    public double[] RowProbabilities { get; }

    public void Prepare(int rows)
    {
        if (_logits is null || _logits.Length < rows * _keys)
        {
            Dispose();
            _logits = _backend.Allocate(rows * _keys);
            _dLogits = _backend.Allocate(rows * _keys);
        }

        Rows = rows;
        _hostCurrent = false;
    }

    public override void Dispose()
    {
        _logits?.Dispose();
        _dLogits?.Dispose();
        _probabilities?.Dispose();
    }
}
