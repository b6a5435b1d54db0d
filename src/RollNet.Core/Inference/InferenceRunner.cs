using RollNet.Compute;
using RollNet.Data;
using RollNet.Heads;
using RollNet.Model;

namespace RollNet.Inference;

/// <summary>
/// Runs a <see cref="RollModel"/> without training it: owns the device copies of its inputs, the activations of a
/// pass and the recurrent state carried from one call to the next, and gives losses, predictions and drawn frames.
/// It allocates no gradient and no optimizer state. Training runs its model through one too. A caller makes one for a
/// model to pass to <see cref="Evaluation"/>, or to feed it frames and read its probabilities step by step.
/// </summary>
/// <remarks>
/// Not thread-safe: one runner serves one caller at a time, and a model one runner at a time. A NADE head that decides
/// the keys in another order than ascending is a NADE over frames with their keys rearranged, so every frame crossing
/// the runner's edge, in or out, is rearranged here and nothing else knows the order.
/// </remarks>
public sealed class InferenceRunner : IDisposable
{
    private readonly Backend _backend;
    private readonly RecurrentState _state;
    private DeviceBuffer? _inputs, _targets, _mask;
    private float[]? _logOdds, _ordered;
    private readonly int[]? _headKeyOrder;
    private readonly float[] _row;
    private readonly double[] _doubleRow;

    /// <summary>A runner for <paramref name="model"/>; buffers grow with the largest pass and are reused.</summary>
    public InferenceRunner(RollModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _backend = model.Backend;
        _headKeyOrder = model.Config.Head.DecisionOrder(model.Config.OutputSize);
        _row = new float[model.Config.OutputSize];
        _doubleRow = new double[model.Config.OutputSize];
        Activations = model.CreateActivations();
        _state = new RecurrentState(_backend, model.Config.Layers, model.Config.HiddenSize);
    }

    /// <summary>The model this runner runs.</summary>
    public RollModel Model { get; }

    /// <summary>What the last pass wrote, for a trainer's backward pass.</summary>
    internal ModelActivations Activations { get; }

    /// <summary>The recurrent state carried from one pass to the next.</summary>
    internal RecurrentState State => _state;

    /// <summary>
    /// Runs <paramref name="batch"/> from a zero state, without dropout, and returns the negative log-likelihood of
    /// its targets summed over keys and real frames (nats). The weights may be rounded to bfloat16 as generation can.
    /// </summary>
    /// <exception cref="ArgumentException">The batch's frames are not as wide as the model's input and output.</exception>
    internal double Evaluate(SequenceBatch batch, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Upload(batch);
        Forward(0, batch.Steps, batch.BatchSize, training: false, 0, 0, carryState: false, precision);
        return Loss(0, batch.Steps, 1f);
    }

    /// <summary>
    /// The log-odds that each key of each frame sounds, after <see cref="Evaluate"/> or <see cref="Feed"/>
    /// (T×B×K, time-major; 0 means even odds). With a head whose keys depend on each other (NADE), each key's
    /// log-odds are given the keys below it, each of those decided on when its probability exceeds
    /// <paramref name="threshold"/>; the sigmoid head's do not depend on it. The returned span is reused by the next call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not strictly between 0 and 1.</exception>
    public ReadOnlySpan<float> LogOdds(double threshold = 0.5)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must lie strictly between 0 and 1");
        }

        Span<float> host = LogOddsBuffer();
        Model.Head.LogOdds(Activations.Head, threshold, host);
        ToKeyOrder(host);
        return host;
    }

    private Span<float> LogOddsBuffer()
    {
        int length = Activations.Steps * Activations.Batch * Model.Config.OutputSize;
        if (_logOdds is null || _logOdds.Length < length)
        {
            _logOdds = new float[length];
        }

        return _logOdds.AsSpan(0, length);
    }

    /// <summary>
    /// The log-odds of each key's marginal probability of sounding in each frame, after <see cref="Evaluate"/> or
    /// <see cref="Feed"/> (T×B×K, time-major): for the sigmoid head its log-odds; for the NADE head estimated from
    /// <paramref name="samples"/> frames drawn per step, seeded by <paramref name="seed"/> (the mean over the draws of
    /// the key's probability given the keys drawn below it). The returned span is reused by the next call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is less than 1.</exception>
    public ReadOnlySpan<float> MarginalLogOdds(int samples, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        Span<float> host = LogOddsBuffer();
        Model.Head.MarginalLogOdds(Activations.Head, samples, seed, host);
        ToKeyOrder(host);
        return host;
    }

    /// <summary>
    /// The probability that each key of each frame sounds, after the last pass (T×B×K) into
    /// <paramref name="destination"/>: through the sigmoid, the log-odds of <see cref="LogOdds"/> at threshold 0.5.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not T×B×K long.</exception>
    public void Probabilities(Span<float> destination)
    {
        int length = Activations.Steps * Activations.Batch * Model.Config.OutputSize;
        if (destination.Length != length)
        {
            throw new ArgumentException($"destination holds {destination.Length} values, not T×B×K = {length}", nameof(destination));
        }

        Model.Head.Probabilities(Activations.Head, destination);
        ToKeyOrder(destination);
    }

    /// <summary>
    /// Forgets the carried state: the next <see cref="Feed"/> starts <paramref name="batch"/> sequences from zeros.
    /// (<see cref="Evaluate"/> always starts from zeros and leaves its final state carried.)
    /// </summary>
    public void ResetState(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        _state.Reset(batch);
    }

    /// <summary>
    /// Continues the sequences from the carried state with <paramref name="frames"/> (T×B×I, time-major), without
    /// dropout; the predictions for the frame after each one are then available. The first call after the runner
    /// is made starts from zeros.
    /// </summary>
    /// <exception cref="ArgumentException">The frames are not T×B×I long.</exception>
    /// <exception cref="InvalidOperationException">The carried state is for another number of sequences.</exception>
    public void Feed(ReadOnlySpan<float> frames, int steps, int batch, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        int keys = Model.Config.InputSize;
        if (frames.Length != steps * batch * keys)
        {
            throw new ArgumentException($"{frames.Length} values are not T×B×I = {steps}×{batch}×{keys}", nameof(frames));
        }

        EnsureLength(ref _inputs, frames.Length);
        _backend.Upload(ToHeadOrder(frames), _inputs!.Slice(0, frames.Length));
        if (_state.Batch == 0)
        {
            _state.Reset(batch);
        }

        Forward(0, steps, batch, training: false, 0, 0, carryState: true, precision);
    }

    /// <summary>
    /// Draws the frame that follows the last step of sequence <paramref name="sequence"/> through the model's head into
    /// <paramref name="frame"/> (K values, 1 for a sounding key).
    /// </summary>
    internal void SampleNext(int sequence, FrameDraw draw, Span<float> frame)
    {
        int row = ((Activations.Steps - 1) * Activations.Batch) + sequence;
        Model.Head.SampleFrame(Activations.Head, row, draw, frame);
        ToKeyOrder(frame);
    }

    /// <summary>
    /// Draws the frame after the last step of sequence <paramref name="sequence"/> with the keys marked in
    /// <paramref name="decided"/> held at their values in <paramref name="held"/>; see <see cref="Heads.OutputHead.SampleFrameHeld"/>.
    /// </summary>
    internal HeldDraw SampleNextHeld(int sequence, FrameDraw draw, ReadOnlySpan<float> held, ReadOnlySpan<float> decided,
        Span<float> frame)
    {
        int row = ((Activations.Steps - 1) * Activations.Batch) + sequence;
        if (_headKeyOrder is not { } order)
        {
            return Model.Head.SampleFrameHeld(Activations.Head, row, draw, held, decided, frame, keyLogProbabilities: []);
        }

        Span<float> orderedHeld = stackalloc float[held.Length], orderedDecided = stackalloc float[decided.Length];
        for (int j = 0; j < order.Length; j++)
        {
            (orderedHeld[j], orderedDecided[j]) = (held[order[j]], decided[order[j]]);
        }

        HeldDraw result = Model.Head.SampleFrameHeld(Activations.Head, row, draw, orderedHeld, orderedDecided, frame, keyLogProbabilities: []);
        ToKeyOrder(frame);
        return result;
    }

    /// <summary>
    /// The log-probability of each key of <paramref name="target"/> as the frame after step <paramref name="step"/> of
    /// the last pass of one sequence, each key given the keys before it in the head's order (nats, K values).
    /// </summary>
    internal void KeyLogProbabilities(int step, ReadOnlySpan<float> target, Span<double> destination)
    {
        Span<float> all = stackalloc float[target.Length], held = stackalloc float[target.Length], frame = stackalloc float[target.Length];
        all.Fill(1);
        ToHeadOrder(target).CopyTo(held);
        Model.Head.SampleFrameHeld(Activations.Head, step, new FrameDraw(1, 0, 0, 0), held, all, frame, destination);
        if (_headKeyOrder is { } order)
        {
            destination.CopyTo(_doubleRow);
            for (int j = 0; j < order.Length; j++)
            {
                destination[order[j]] = _doubleRow[j];
            }
        }
    }

    /// <summary>Makes the carried state of sequence j that of sequence <paramref name="sources"/>[j], for every j.</summary>
    internal void ReorderSequences(ReadOnlySpan<int> sources) => _state.Reorder(sources);

    /// <summary>Copies a batch's inputs, targets and mask to the device for <see cref="Forward"/> and <see cref="Loss"/>.</summary>
    internal void Upload(SequenceBatch batch)
    {
        if (batch.Keys != Model.Config.InputSize || batch.Keys != Model.Config.OutputSize)
        {
            throw new ArgumentException(
                $"the batch has {batch.Keys} keys per frame but the model takes {Model.Config.InputSize} and predicts {Model.Config.OutputSize}");
        }

        EnsureLength(ref _inputs, batch.Inputs.Length);
        EnsureLength(ref _targets, batch.Targets.Length);
        EnsureLength(ref _mask, batch.Mask.Length);
        _backend.Upload(ToHeadOrder(batch.Inputs), _inputs!.Slice(0, batch.Inputs.Length));
        _backend.Upload(ToHeadOrder(batch.Targets), _targets!.Slice(0, batch.Targets.Length));
        _backend.Upload(batch.Mask, _mask!.Slice(0, batch.Mask.Length));
    }

    /// <summary>
    /// Runs steps [<paramref name="firstStep"/>, +<paramref name="steps"/>) of the uploaded batch, from the carried
    /// state when <paramref name="carryState"/> is set; dropout from (seed, stream) when training.
    /// </summary>
    internal void Forward(int firstStep, int steps, int batch, bool training, ulong dropoutSeed, ulong dropoutStream,
        bool carryState, MatrixPrecision precision = MatrixPrecision.Float32)
    {
        Model.Forward(Activations, Input(firstStep, steps, batch), steps, batch, _state, carryState, training,
            dropoutSeed, dropoutStream, precision);
    }

    /// <summary>The loss of the last pass against the uploaded targets of the same steps; see <see cref="Heads.OutputHead.Loss"/>.</summary>
    internal double Loss(int firstStep, int steps, float gradientScale)
    {
        int batch = Activations.Batch, keys = Model.Config.OutputSize;
        return Model.Head.Loss(Activations.Head, _targets!.Slice(firstStep * batch * keys, steps * batch * keys),
            _mask!.Slice(firstStep * batch, steps * batch), gradientScale);
    }

    /// <summary>The uploaded inputs of steps [<paramref name="firstStep"/>, +<paramref name="steps"/>).</summary>
    internal BufferSlice Input(int firstStep, int steps, int batch) =>
        _inputs!.Slice(firstStep * batch * Model.Config.InputSize, steps * batch * Model.Config.InputSize);

    /// <summary>
    /// <paramref name="frames"/> (rows of K keys, lowest first) in the order the head decides the keys: themselves, or
    /// rearranged into a host buffer the runner keeps, so that a warm step allocates nothing. Valid until the next call.
    /// </summary>
    private ReadOnlySpan<float> ToHeadOrder(ReadOnlySpan<float> frames)
    {
        if (_headKeyOrder is not { } order)
        {
            return frames;
        }

        if (_ordered is null || _ordered.Length < frames.Length)
        {
            _ordered = new float[frames.Length];
        }

        Span<float> ordered = _ordered.AsSpan(0, frames.Length);
        for (int row = 0; row + order.Length <= frames.Length; row += order.Length)
        {
            for (int j = 0; j < order.Length; j++)
            {
                ordered[row + j] = frames[row + order[j]];
            }
        }

        return ordered;
    }

    /// <summary>Puts each row of K values of <paramref name="rows"/> from the head's order back to the keys', lowest first.</summary>
    private void ToKeyOrder(Span<float> rows)
    {
        if (_headKeyOrder is not { } order)
        {
            return;
        }

        for (int row = 0; row + order.Length <= rows.Length; row += order.Length)
        {
            Span<float> values = rows.Slice(row, order.Length);
            values.CopyTo(_row);
            for (int j = 0; j < order.Length; j++)
            {
                values[order[j]] = _row[j];
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Activations.Dispose();
        _state.Dispose();
        _inputs?.Dispose();
        _targets?.Dispose();
        _mask?.Dispose();
    }

    private void EnsureLength(ref DeviceBuffer? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = _backend.Allocate(length);
        }
    }
}
