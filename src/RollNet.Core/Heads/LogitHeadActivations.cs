using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// What a pass of a head made of one dense layer of logits keeps: the logits and their gradient (N×W each, W logits a
/// row), the logits on the host once a pass, and host room for one row. The sigmoid head's rows are its K keys, the
/// categorical head's its K + 1 classes.
/// </summary>
internal abstract class LogitHeadActivations : HeadActivations
{
    private DeviceBuffer? _logits, _dLogits;
    private float[]? _hostLogits;
    private bool _hostCurrent;

    protected LogitHeadActivations(Backend backend, int width)
    {
        (Backend, Width) = (backend, width);
        RowLogits = new float[width];
    }

    /// <summary>z = h·Wᵀ + b of the last pass (N×W).</summary>
    public BufferSlice Logits => _logits!.Slice(0, Rows * Width);

    /// <summary>dL/dz written by the loss (N×W).</summary>
    public BufferSlice DLogits => _dLogits!.Slice(0, Rows * Width);

    /// <summary>One row's logits on the host, for drawing a frame.</summary>
    public float[] RowLogits { get; }

    protected Backend Backend { get; }

    /// <summary>Logits a row.</summary>
    protected int Width { get; }

    /// <summary>How many logits the device buffers hold: those of the most rows a pass has had.</summary>
    protected int Capacity => _logits?.Length ?? 0;

    /// <summary>
    /// The logits of the last pass on the host (N×W), downloaded once a pass: decisions at several thresholds read them
    /// without another transfer.
    /// </summary>
    public ReadOnlySpan<float> HostLogits()
    {
        if (!_hostCurrent)
        {
            if (_hostLogits is null || _hostLogits.Length < Rows * Width)
            {
                _hostLogits = new float[_logits!.Length];
            }

            Backend.Download(Logits, _hostLogits.AsSpan(0, Rows * Width));
            _hostCurrent = true;
        }

        return _hostLogits.AsSpan(0, Rows * Width);
    }

    public void Prepare(int rows)
    {
        if (_logits is null || _logits.Length < rows * Width)
        {
            Dispose();
            _logits = Backend.Allocate(rows * Width);
            _dLogits = Backend.Allocate(rows * Width);
        }

        Rows = rows;
        _hostCurrent = false;
    }

    public override void Dispose()
    {
        _logits?.Dispose();
        _dLogits?.Dispose();
    }
}
