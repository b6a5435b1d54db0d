using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Model;

/// <summary>
/// Copies of every LSTM layer's weights packed in the backend's fastest layout at one precision, refreshed when the
/// parameters change. At float32 only U is packed (a long pass multiplies by it at every step; W once, unpacked); at
/// bfloat16 both are, which halves the memory an inference step reads.
/// </summary>
internal sealed class PackedLstmWeights : IDisposable
{
    private readonly ParameterSet _parameters;
    private readonly PackedMatrix?[] _input;
    private readonly PackedMatrix[] _recurrent;
    private readonly IReadOnlyList<LstmWeights> _layers;
    private long _version = -1;

    /// <summary>Packed copies of the W and U of <paramref name="layerWeights"/>, slices of <paramref name="parameters"/>.</summary>
    public PackedLstmWeights(ParameterSet parameters, IReadOnlyList<LstmWeights> layerWeights, MatrixPrecision precision)
    {
        (_parameters, _layers) = (parameters, layerWeights);
        Precision = precision;
        ModelConfig config = parameters.Layout.Config;
        int layers = config.Layers, h = config.HiddenSize;
        Backend backend = parameters.Backend;
        _input = new PackedMatrix?[layers];
        _recurrent = new PackedMatrix[layers];
        for (int l = 0; l < layers; l++)
        {
            // Weights are stored output-major (4H × inputs), so op(B) = Wᵀ is inputs × 4H.
            _input[l] = precision == MatrixPrecision.Float32 ? null
                : backend.AllocatePacked(config.LayerInputSize(l), 4 * h, precision);
            _recurrent[l] = backend.AllocatePacked(h, 4 * h, precision);
        }
    }

    public MatrixPrecision Precision { get; }

    /// <summary>Wᵀ of layer <paramref name="layer"/>, or null at float32 (W is multiplied as stored).</summary>
    public PackedMatrix? Input(int layer) => _input[layer];

    /// <summary>Uᵀ of layer <paramref name="layer"/>.</summary>
    public PackedMatrix Recurrent(int layer) => _recurrent[layer];

    /// <summary>
    /// Packs the weights again if the parameters changed since the last call, or always when
    /// <paramref name="always"/> is set: a training pass packs afresh, as gradient checks move weights in place.
    /// </summary>
    public PackedLstmWeights Refresh(bool always = false)
    {
        if (!always && _version == _parameters.Version)
        {
            return this;
        }

        ModelConfig config = _parameters.Layout.Config;
        Backend backend = _parameters.Backend;
        for (int l = 0; l < _recurrent.Length; l++)
        {
            if (_input[l] is { } input)
            {
                backend.Pack(true, _layers[l].W, config.LayerInputSize(l), input);
            }

            backend.Pack(true, _layers[l].U, config.HiddenSize, _recurrent[l]);
        }

        _version = _parameters.Version;
        return this;
    }

    public void Dispose()
    {
        foreach (PackedMatrix? packed in _input.Concat(_recurrent))
        {
            packed?.Dispose();
        }
    }
}
