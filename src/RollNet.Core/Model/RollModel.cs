using RollNet.Compute;
using RollNet.Heads;
using RollNet.Layers;

namespace RollNet.Model;

/// <summary>
/// The paper's network: LSTM layers with inverted dropout on each layer's output, then an output head over
/// <see cref="ModelConfig.OutputSize"/> keys (the paper's sigmoid layer) that gives the probability of the next frame.
/// A caller makes one on a backend or loads one with <see cref="Load"/>, hands it to a
/// <see cref="Generation.Sampler"/> to generate music or an <see cref="Inference.InferenceRunner"/> to measure it, and
/// keeps it with <see cref="Save"/>.
/// </summary>
/// <remarks>
/// A model is its weights and the layers that use them; it keeps no state of a pass. Running it is the work of an
/// inference runner (forward, loss, predictions, carried state) and training that of a trainer (the runner plus
/// gradients, backward and an optimizer), both in the layers above this one. A model serves one runner at a time.
/// Sequences are time-major: the input is T×B×I.
/// </remarks>
public sealed class RollModel : IDisposable
{
    private readonly LstmLayer[] _lstm;

    // Each layer's W, U and b within the parameters, looked up by name once (a lookup builds a string, and a training
    // step allocates nothing); the same offsets name the layer's gradients, and the packed copies are made from them.
    private readonly LstmWeights[] _layerWeights;
    private readonly DropoutLayer _dropout;

    // Packed copies of the LSTM weights per precision, made on first use.
    private readonly Dictionary<MatrixPrecision, PackedLstmWeights> _packed = [];

    /// <summary>A new model with freshly initialised parameters (see <see cref="ParameterSet.Initialize"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is out of range.</exception>
    public RollModel(Backend backend, ModelConfig config, ulong seed) : this(backend, config)
    {
        Parameters.Initialize(seed);
    }

    /// <summary>A model with the given parameters (in <see cref="ParameterLayout"/> order).</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is out of range, or the parameter count differs from the layout's.</exception>
    public RollModel(Backend backend, ModelConfig config, ReadOnlySpan<float> parameters) : this(backend, config)
    {
        if (parameters.Length != Parameters.Layout.Length)
        {
            Dispose();
            throw new ArgumentException(
                $"the model needs {Parameters.Layout.Length} parameters but {parameters.Length} were given");
        }

        Parameters.Upload(parameters);
    }

    private RollModel(Backend backend, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(config);
        Backend = backend;
        Config = config.Validate();
        Parameters = new ParameterSet(backend, config);
        _lstm = new LstmLayer[config.Layers];
        _layerWeights = new LstmWeights[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            _layerWeights[l] = LayerWeights(l);
            _lstm[l] = new LstmLayer(backend, config.LayerInputSize(l), config.HiddenSize, _layerWeights[l]);
        }

        _dropout = new DropoutLayer(backend, config.Dropout);
        BufferSlice head = Parameters.Layout.HeadSlice(Parameters.Values);
        Head = config.Head.Create(backend, config.HeadShape, head);
    }

    /// <summary>
    /// Reads the model that <paramref name="path"/> holds (a checkpoint file, docs/FORMAT.md, as <see cref="Save"/> or a
    /// training run writes it) onto <paramref name="backend"/>, ready to evaluate and generate; any optimizer state in the
    /// file is left unread. To continue training from a run's files, run its <c>TrainingRun</c> again with resume.
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, damaged, or not a RollNet model; the message names it.</exception>
    public static RollModel Load(string path, Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return CheckpointCodec.Load(path).CreateModel(backend);
    }

    /// <summary>
    /// Writes the model's configuration and parameters to <paramref name="path"/> as a checkpoint file, atomically, so
    /// that <see cref="Load"/> gives the same model on any backend.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite, which a file cannot hold, or over
    /// <see cref="Checkpoint.MaxParameterMagnitude"/>, which a checkpoint does not hold.</exception>
    public void Save(string path) =>
        CheckpointCodec.Save(Checkpoint.TryCapture(this, new CheckpointHeader(Config), [], out string? problem)
            ?? throw new InvalidOperationException($"cannot save the model: {problem}"), path);

    /// <summary>The backend the parameters live on and every operation runs on.</summary>
    public Backend Backend { get; }

    /// <summary>The model's shape.</summary>
    public ModelConfig Config { get; }

    /// <summary>The weights, in one flat buffer.</summary>
    internal ParameterSet Parameters { get; }

    internal OutputHead Head { get; }

    internal ModelActivations CreateActivations() => new(Backend, Config, Head);

    /// <summary>
    /// Runs the network over <paramref name="input"/> (T×B×I) into <paramref name="activations"/>, starting from
    /// <paramref name="state"/> when <paramref name="carryState"/> is set, otherwise from zeros; the final state is
    /// written back to <paramref name="state"/> either way. Dropout is drawn from (seed, stream) when training.
    /// Inference may multiply by weights rounded to bfloat16, which halves the memory each step reads.
    /// </summary>
    internal void Forward(ModelActivations activations, BufferSlice input, int steps, int batch, RecurrentState state,
        bool carryState, bool training, ulong dropoutSeed, ulong dropoutStream, MatrixPrecision precision)
    {
        if (training && precision != MatrixPrecision.Float32)
        {
            throw new ArgumentException("training needs float32 weights; bfloat16 weights are for inference", nameof(precision));
        }

        if (input.Length != steps * batch * Config.InputSize)
        {
            throw new ArgumentException(
                $"input has {input.Length} elements, expected T×B×I = {steps}×{batch}×{Config.InputSize}");
        }

        if (carryState && state.Batch != batch)
        {
            throw new InvalidOperationException(
                $"the carried state is for {state.Batch} sequences, not {batch}: reset it first");
        }

        if (state.Batch != batch)
        {
            state.Reset(batch);
        }

        (activations.Steps, activations.Batch, activations.Precision) = (steps, batch, precision);
        PackedLstmWeights? packed = precision != MatrixPrecision.Float32 || steps >= LstmLayer.PackingSteps
            ? Packed(precision).Refresh(always: training)
            : null;
        BufferSlice x = input;
        for (int l = 0; l < Config.Layers; l++)
        {
            LstmActivations layer = activations.Lstm[l];
            _lstm[l].Forward(layer, x, steps, batch, carryState ? state.Hidden(l) : null,
                carryState ? state.Cell(l) : null, packed?.Input(l), packed?.Recurrent(l));
            Backend.Copy(layer.FinalHidden, state.Hidden(l));
            Backend.Copy(layer.FinalCell, state.Cell(l));
            x = _dropout.Forward(activations.Dropout[l], layer.Output, training, dropoutSeed, (dropoutStream << 8) | (uint)l);
        }

        Head.Forward(activations.Head, x, input, steps * batch, precision, Parameters.Version);
    }

    /// <summary>
    /// Backpropagation through the pass held in <paramref name="activations"/>, whose input was
    /// <paramref name="input"/>, from the gradient the head's loss kept. Parameter gradients accumulate into
    /// <paramref name="gradients"/> (laid out as <see cref="Parameters"/>); dL/dinput (T×B×I) is written when asked.
    /// </summary>
    internal void Backward(ModelActivations activations, BufferSlice input, DeviceBuffer gradients,
        ModelBackwardBuffers buffers, BufferSlice? dInput = null)
    {
        if (activations.Precision != MatrixPrecision.Float32)
        {
            throw new InvalidOperationException(
                "the pass used bfloat16 inference weights; backpropagation needs a float32 pass");
        }

        int rows = activations.Steps * activations.Batch;
        (BufferSlice dHidden, BufferSlice spare) = buffers.Hidden(rows);
        Head.Backward(activations.Head, LayerOutput(activations, Config.Layers - 1), input,
            Parameters.Layout.HeadSlice(gradients), dHidden);
        for (int l = Config.Layers - 1; l >= 0; l--)
        {
            _dropout.Backward(activations.Dropout[l], dHidden);
            BufferSlice? dBelow = l > 0 ? spare : dInput;
            BufferSlice layerInput = l > 0 ? LayerOutput(activations, l - 1) : input;
            _lstm[l].Backward(activations.Lstm[l], layerInput, dHidden, _layerWeights[l].In(gradients), buffers.Lstm[l], dBelow);
            (dHidden, spare) = (spare, dHidden);
        }

        if (dInput is { } dx)
        {
            Head.AccumulateInputGradient(activations.Head, dx);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PackedLstmWeights packed in _packed.Values)
        {
            packed.Dispose();
        }

        Head?.Dispose();
        Parameters.Dispose();
    }

    /// <summary>What layer <paramref name="layer"/> passed up: its output after dropout.</summary>
    private static BufferSlice LayerOutput(ModelActivations activations, int layer) =>
        activations.Dropout[layer].Active ? activations.Dropout[layer].Output : activations.Lstm[layer].Output;

    private LstmWeights LayerWeights(int layer)
    {
        ParameterLayout layout = Parameters.Layout;
        DeviceBuffer values = Parameters.Values;
        return new LstmWeights(layout.Slice(values, ParameterLayout.WeightName(layer)),
            layout.Slice(values, ParameterLayout.RecurrentName(layer)), layout.Slice(values, ParameterLayout.BiasName(layer)));
    }

    private PackedLstmWeights Packed(MatrixPrecision precision)
    {
        if (!_packed.TryGetValue(precision, out PackedLstmWeights? packed))
        {
            packed = new PackedLstmWeights(Parameters, _layerWeights, precision);
            _packed.Add(precision, packed);
        }

        return packed;
    }
}
