using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Model;

/// <summary>
/// The paper's network: LSTM layers with inverted dropout on each layer's output, then a dense layer of
/// <see cref="ModelConfig.OutputSize"/> units whose sigmoid gives the probability of each key in the next frame.
/// </summary>
/// <remarks>
/// Sequences are time-major: the input is T×B×I, logits are T×B×K. The model keeps a recurrent state per layer
/// (B×H h and C) so that a sequence can be processed in chunks (truncated BPTT, generation step by step).
/// </remarks>
public sealed class RollModel : IDisposable
{
    private readonly LstmLayer[] _lstm;
    private readonly DropoutLayer[] _dropout;
    private readonly DenseLayer _output;
    private readonly DeviceBuffer[] _stateHidden, _stateCell;
    private DeviceBuffer? _dLogits, _dHiddenA, _dHiddenB;
    private int _steps, _batch, _stateBatch;
    private bool _lastPassNarrow;

    // Narrow inference copies of every weight matrix (per layer W and U, then out.w), and the parameter version
    // they were made from.
    private PackedMatrix[]? _narrow;
    private long _narrowVersion = -1;

    /// <summary>A new model with freshly initialised parameters.</summary>
    public RollModel(Backend backend, ModelConfig config, ulong seed) : this(backend, config)
    {
        Parameters.Initialize(seed);
    }

    /// <summary>A model with the given parameters (in <see cref="ParameterLayout"/> order).</summary>
    public RollModel(Backend backend, ModelConfig config, ReadOnlySpan<float> parameters) : this(backend, config)
    {
        if (parameters.Length != Parameters.Layout.Length)
        {
            throw new ArgumentException(
                $"the model needs {Parameters.Layout.Length} parameters but {parameters.Length} were given");
        }

        Parameters.Upload(parameters);
    }

    private RollModel(Backend backend, ModelConfig config)
    {
        Backend = backend;
        Config = config.Validate();
        Parameters = new ParameterSet(backend, config);
        int h = config.HiddenSize;
        _lstm = new LstmLayer[config.Layers];
        _dropout = new DropoutLayer[config.Layers];
        _stateHidden = new DeviceBuffer[config.Layers];
        _stateCell = new DeviceBuffer[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            string w = ParameterLayout.WeightName(l), u = ParameterLayout.RecurrentName(l), b = ParameterLayout.BiasName(l);
            _lstm[l] = new LstmLayer(backend, config.LayerInputSize(l), h, Parameters.Value(w), Parameters.Value(u),
                Parameters.Value(b), Parameters.Gradient(w), Parameters.Gradient(u), Parameters.Gradient(b));
            _dropout[l] = new DropoutLayer(backend, config.Dropout);
            _stateHidden[l] = backend.Allocate(0);
            _stateCell[l] = backend.Allocate(0);
        }

        _output = new DenseLayer(backend, h, config.OutputSize, Parameters.Value(ParameterLayout.OutputWeightName),
            Parameters.Value(ParameterLayout.OutputBiasName), Parameters.Gradient(ParameterLayout.OutputWeightName),
            Parameters.Gradient(ParameterLayout.OutputBiasName));
    }

    public Backend Backend { get; }

    public ModelConfig Config { get; }

    public ParameterSet Parameters { get; }

    /// <summary>Logits of the last forward pass (T×B×K).</summary>
    public BufferSlice Logits => _output.Output;

    /// <summary>dL/dlogits, written by <see cref="Loss"/> and read by <see cref="Backward"/>.</summary>
    private BufferSlice DLogits => _dLogits!.Slice(0, _steps * _batch * Config.OutputSize);

    /// <summary>Zeroes the carried recurrent state for <paramref name="batch"/> sequences.</summary>
    public void ResetState(int batch)
    {
        int length = batch * Config.HiddenSize;
        for (int l = 0; l < Config.Layers; l++)
        {
            if (_stateHidden[l].Length != length)
            {
                _stateHidden[l].Dispose();
                _stateCell[l].Dispose();
                _stateHidden[l] = Backend.Allocate(length);
                _stateCell[l] = Backend.Allocate(length);
            }
            else
            {
                Backend.Fill(_stateHidden[l].All, 0);
                Backend.Fill(_stateCell[l].All, 0);
            }
        }

        _stateBatch = batch;
    }

    /// <summary>
    /// Runs the network over <paramref name="input"/> (T×B×I), starting from the carried state when
    /// <paramref name="carryState"/> is set (after <see cref="ResetState"/>), otherwise from zeros; the final state
    /// is kept for the next call either way. Dropout is drawn from (seed, stream) when training. Inference may
    /// multiply by weights rounded to a narrower <paramref name="precision"/>, which halves the memory each step reads.
    /// </summary>
    /// <returns>The logits, T×B×K.</returns>
    public BufferSlice Forward(BufferSlice input, int steps, int batch, bool training, ulong dropoutSeed = 0,
        ulong dropoutStream = 0, bool carryState = false, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        if (training && precision != MatrixPrecision.Float32)
        {
            throw new ArgumentException("training needs float32 weights; narrow weights are for inference", nameof(precision));
        }

        if (input.Length != steps * batch * Config.InputSize)
        {
            throw new ArgumentException(
                $"input has {input.Length} elements, expected T×B×I = {steps}×{batch}×{Config.InputSize}");
        }

        if (carryState && _stateBatch != batch)
        {
            throw new InvalidOperationException(
                $"the carried state is for {_stateBatch} sequences, not {batch}: call ResetState first");
        }

        if (!carryState && _stateBatch != batch)
        {
            ResetState(batch);
        }

        _steps = steps;
        _batch = batch;
        _lastPassNarrow = precision != MatrixPrecision.Float32;
        PackedMatrix[]? narrow = _lastPassNarrow ? NarrowWeights(precision) : null;
        BufferSlice x = input;
        for (int l = 0; l < Config.Layers; l++)
        {
            LstmLayer layer = _lstm[l];
            layer.Forward(x, steps, batch, carryState ? _stateHidden[l].All : null, carryState ? _stateCell[l].All : null,
                narrow?[2 * l], narrow?[(2 * l) + 1]);
            Backend.Copy(layer.FinalHidden, _stateHidden[l].All);
            Backend.Copy(layer.FinalCell, _stateCell[l].All);
            x = _dropout[l].Forward(layer.Output, training, dropoutSeed, (dropoutStream << 8) | (uint)l);
        }

        return _output.Forward(x, steps * batch, narrow?[^1]);
    }

    /// <summary>
    /// Binary cross-entropy of the last logits against <paramref name="targets"/> (T×B×K), over the frames whose
    /// mask (T×B) is 1; stores dL/dlogits scaled by <paramref name="gradientScale"/> for <see cref="Backward"/>.
    /// </summary>
    /// <returns>The loss summed over keys and masked frames, in nats.</returns>
    public double Loss(BufferSlice targets, BufferSlice frameMask, float gradientScale)
    {
        int rows = _steps * _batch, keys = Config.OutputSize;
        if (_dLogits is null || _dLogits.Length < rows * keys)
        {
            _dLogits?.Dispose();
            _dLogits = Backend.Allocate(rows * keys);
        }

        return Backend.SigmoidCrossEntropy(rows, keys, Logits, targets, frameMask, gradientScale, DLogits);
    }

    /// <summary>
    /// Backpropagation through the last forward pass from the gradient stored by <see cref="Loss"/>;
    /// parameter gradients accumulate, and dL/dinput (T×B×I) is written when asked.
    /// </summary>
    public void Backward(BufferSlice? dInput = null)
    {
        if (_lastPassNarrow)
        {
            throw new InvalidOperationException(
                "the last forward pass used narrow inference weights; backpropagation needs a float32 pass");
        }

        int rows = _steps * _batch, h = Config.HiddenSize;
        if (_dHiddenA is null || _dHiddenA.Length < rows * h)
        {
            _dHiddenA?.Dispose();
            _dHiddenB?.Dispose();
            _dHiddenA = Backend.Allocate(rows * h);
            _dHiddenB = Backend.Allocate(rows * h);
        }

        BufferSlice dHidden = _dHiddenA.Slice(0, rows * h), spare = _dHiddenB!.Slice(0, rows * h);
        _output.Backward(DLogits, dHidden);
        for (int l = Config.Layers - 1; l >= 0; l--)
        {
            _dropout[l].Backward(dHidden);
            BufferSlice? dBelow = l > 0 ? spare : dInput;
            _lstm[l].Backward(dHidden, dBelow);
            (dHidden, spare) = (spare, dHidden);
        }
    }

    /// <summary>The narrow copies of the weights, packed again whenever the parameters changed since.</summary>
    private PackedMatrix[] NarrowWeights(MatrixPrecision precision)
    {
        if (_narrow is not null && _narrow[0].Precision == precision && _narrowVersion == Parameters.Version)
        {
            return _narrow;
        }

        ReleaseNarrowWeights();
        var names = new List<string>();
        for (int l = 0; l < Config.Layers; l++)
        {
            names.Add(ParameterLayout.WeightName(l));
            names.Add(ParameterLayout.RecurrentName(l));
        }

        names.Add(ParameterLayout.OutputWeightName);
        _narrow = [.. names.Select(name =>
        {
            // Every weight matrix is stored output-major (rows × inputs), so op(B) = Wᵀ is inputs × rows.
            ParameterTensor tensor = Parameters.Layout[name];
            PackedMatrix packed = Backend.AllocatePacked(tensor.Cols, tensor.Rows, precision);
            Backend.Pack(true, Parameters.Value(name), tensor.Cols, packed);
            return packed;
        })];
        _narrowVersion = Parameters.Version;
        return _narrow;
    }

    private void ReleaseNarrowWeights()
    {
        foreach (PackedMatrix packed in _narrow ?? [])
        {
            packed.Dispose();
        }

        _narrow = null;
    }

    public void Dispose()
    {
        ReleaseNarrowWeights();
        foreach (IDisposable d in _lstm.Concat<IDisposable>(_dropout).Concat(_stateHidden).Concat(_stateCell))
        {
            d.Dispose();
        }

        _output.Dispose();
        _dLogits?.Dispose();
        _dHiddenA?.Dispose();
        _dHiddenB?.Dispose();
        Parameters.Dispose();
    }
}
