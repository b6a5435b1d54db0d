using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>
/// The logits of a <see cref="CategoricalHead"/> pass and their gradient (N×C each, C = K + 1 classes), and host room
/// for one row.
/// </summary>
internal sealed class CategoricalHeadActivations : HeadActivations
{
    private readonly Backend _backend;
    private readonly int _classes;
    private DeviceBuffer? _logits, _dLogits;
    private float[]? _hostLogits;
    private bool _hostCurrent;

    public CategoricalHeadActivations(Backend backend, int classes)
    {
        (_backend, _classes) = (backend, classes);
        RowLogits = new float[classes];
        RowWeights = new double[classes];
        RowAgreeing = new double[classes];
        RowBelow = new double[classes];
    }

    /// <summary>z = h·Wᵀ + b of the last pass (N×C).</summary>
    public BufferSlice Logits => _logits!.Slice(0, Rows * _classes);

    /// <summary>dL/dz written by the loss (N×C).</summary>
    public BufferSlice DLogits => _dLogits!.Slice(0, Rows * _classes);

    /// <summary>One row's logits on the host, for drawing a frame.</summary>
    public float[] RowLogits { get; }

    /// <summary>One row's class weights, e^(z_c / T − max z / T): its probabilities up to their sum.</summary>
    public double[] RowWeights { get; }

    /// <summary>One row's weights of the classes that agree with the keys held, 0 for the others.</summary>
    public double[] RowAgreeing { get; }

    /// <summary>For each key of one row, the weight of the classes below it, the rest included.</summary>
    public double[] RowBelow { get; }

    /// <summary>
    /// The logits of the last pass on the host (N×C), downloaded once a pass: decisions at several thresholds read them
    /// without another transfer.
    /// </summary>
    public ReadOnlySpan<float> HostLogits()
    {
        if (!_hostCurrent)
        {
            if (_hostLogits is null || _hostLogits.Length < Rows * _classes)
            {
                _hostLogits = new float[_logits!.Length];
            }

            _backend.Download(Logits, _hostLogits.AsSpan(0, Rows * _classes));
            _hostCurrent = true;
        }

        return _hostLogits.AsSpan(0, Rows * _classes);
    }

    public void Prepare(int rows)
    {
        if (_logits is null || _logits.Length < rows * _classes)
        {
            Dispose();
            _logits = _backend.Allocate(rows * _classes);
            _dLogits = _backend.Allocate(rows * _classes);
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
