using RollNet.Compute;

namespace RollNet.Heads;

/// <summary>The logits of a <see cref="SigmoidHead"/> pass and their gradient (N×K each), and host room for one row.</summary>
internal sealed class SigmoidHeadActivations(Backend backend, int keys) : LogitHeadActivations(backend, keys)
{
    private DeviceBuffer? _probabilities;

    /// <summary>σ(z) of the last pass (N×K), made when asked for.</summary>
    public BufferSlice Probabilities
    {
        get
        {
            if (_probabilities is null || _probabilities.Length < Rows * Width)
            {
                _probabilities?.Dispose();
                _probabilities = Backend.Allocate(Capacity);
            }

            return _probabilities.Slice(0, Rows * Width);
        }
    }

    /// <summary>One row's probabilities at the drawing temperature.</summary>
    public double[] RowProbabilities { get; } = new double[keys];

    public override void Dispose()
    {
        base.Dispose();
        _probabilities?.Dispose();
    }
}
