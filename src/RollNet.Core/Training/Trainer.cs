using RollNet.Compute;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// Trains a <see cref="RollModel"/> on batches: forward, binary cross-entropy averaged over real frames, backward
/// (whole sequences or truncated BPTT chunks that carry h and C forward), global-norm clipping, one optimizer update
/// per chunk.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly RollModel _model;
    private readonly Backend _backend;
    private DeviceBuffer? _inputs, _targets, _mask;
    private float[]? _logits;

    public Trainer(RollModel model, TrainerOptions options)
    {
        if (options.BpttSteps < 0)
        {
            throw new ArgumentException($"BpttSteps must be 0 (full sequences) or positive, not {options.BpttSteps}");
        }

        if (!(options.LearningRate > 0) || !float.IsFinite(options.LearningRate))
        {
            throw new ArgumentException($"the learning rate must be positive, not {options.LearningRate}");
        }

        _model = model;
        _backend = model.Backend;
        Options = options;
        int count = model.Parameters.Layout.Length;
        Optimizer = options.Optimizer switch
        {
            OptimizerKind.Adam => new AdamOptimizer(_backend, count, options.LearningRate),
            OptimizerKind.Sgd => new SgdOptimizer(_backend, count, options.LearningRate, options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer"),
        };
    }

    public TrainerOptions Options { get; }

    public IOptimizer Optimizer { get; }

    /// <summary>Trains on one batch; throws <see cref="NonFiniteLossException"/> before any update that would spoil the model.</summary>
    public TrainStepResult TrainBatch(SequenceBatch batch)
    {
        Upload(batch);
        int steps = batch.Steps, rowsPerStep = batch.BatchSize, keys = batch.Keys;
        int chunk = Options.BpttSteps > 0 ? Options.BpttSteps : steps;
        double lossSum = 0, norm = 0;
        for (int t0 = 0; t0 < steps; t0 += chunk)
        {
            int length = Math.Min(chunk, steps - t0);
            int frames = CountFrames(batch.Mask.AsSpan(t0 * rowsPerStep, length * rowsPerStep));
            if (frames == 0)
            {
                // Padding sits at the end of sequences, so no later chunk has a real frame either.
                break;
            }

            _model.Parameters.ZeroGradients();
            _model.Forward(Slice(_inputs!, t0, length, rowsPerStep * keys), length, rowsPerStep, training: true,
                Options.Seed, (ulong)Optimizer.Steps, carryState: t0 > 0);
            double loss = _model.Loss(Slice(_targets!, t0, length, rowsPerStep * keys),
                Slice(_mask!, t0, length, rowsPerStep), 1f / frames);
            if (!double.IsFinite(loss))
            {
                throw new NonFiniteLossException($"the loss became {loss} at update {Optimizer.Steps + 1}; the model was not updated");
            }

            _model.Backward();
            norm = Math.Sqrt(_backend.SumOfSquares(_model.Parameters.Gradients.All));
            if (!double.IsFinite(norm))
            {
                throw new NonFiniteLossException($"the gradient norm became {norm} at update {Optimizer.Steps + 1}; the model was not updated");
            }

            float scale = Options.ClipNorm > 0 && norm > Options.ClipNorm ? (float)(Options.ClipNorm / norm) : 1f;
            Optimizer.Update(_model.Parameters, scale);
            lossSum += loss;
        }

        return new TrainStepResult(lossSum, batch.Frames, norm);
    }

    /// <summary>
    /// Runs a batch without dropout or update and adds its loss and frame counts to <paramref name="metrics"/>;
    /// <paramref name="precision"/> may narrow the weights as generation can.
    /// </summary>
    public void Evaluate(SequenceBatch batch, FrameMetrics metrics, MatrixPrecision precision = MatrixPrecision.Float32) =>
        Evaluate(batch, [metrics], precision);

    /// <summary>
    /// Runs a batch once and adds its loss and frame counts to each of <paramref name="metrics"/>, such as the same
    /// counts at several decision thresholds.
    /// </summary>
    public void Evaluate(SequenceBatch batch, IReadOnlyList<FrameMetrics> metrics,
        MatrixPrecision precision = MatrixPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Upload(batch);
        BufferSlice logits = _model.Forward(Slice(_inputs!, 0, batch.Steps, batch.BatchSize * batch.Keys), batch.Steps,
            batch.BatchSize, training: false, precision: precision);
        double loss = _model.Loss(Slice(_targets!, 0, batch.Steps, batch.BatchSize * batch.Keys),
            Slice(_mask!, 0, batch.Steps, batch.BatchSize), 1f);
        if (_logits is null || _logits.Length < logits.Length)
        {
            _logits = new float[logits.Length];
        }

        Span<float> host = _logits.AsSpan(0, logits.Length);
        _backend.Download(logits, host);
        foreach (FrameMetrics each in metrics)
        {
            each.Add(host, batch.Targets, batch.Mask, batch.Keys, loss);
        }
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        _inputs?.Dispose();
        _targets?.Dispose();
        _mask?.Dispose();
    }

    private static BufferSlice Slice(DeviceBuffer buffer, int firstStep, int steps, int perStep) =>
        buffer.Slice(firstStep * perStep, steps * perStep);

    private static int CountFrames(ReadOnlySpan<float> mask)
    {
        int count = 0;
        foreach (float m in mask)
        {
            count += m != 0 ? 1 : 0;
        }

        return count;
    }

    private void Upload(SequenceBatch batch)
    {
        if (batch.Keys != _model.Config.InputSize || batch.Keys != _model.Config.OutputSize)
        {
            throw new ArgumentException(
                $"the batch has {batch.Keys} keys per frame but the model takes {_model.Config.InputSize} and predicts {_model.Config.OutputSize}");
        }

        Ensure(ref _inputs, batch.Inputs.Length);
        Ensure(ref _targets, batch.Targets.Length);
        Ensure(ref _mask, batch.Mask.Length);
        _backend.Upload(batch.Inputs, _inputs!.Slice(0, batch.Inputs.Length));
        _backend.Upload(batch.Targets, _targets!.Slice(0, batch.Targets.Length));
        _backend.Upload(batch.Mask, _mask!.Slice(0, batch.Mask.Length));
    }

    private void Ensure(ref DeviceBuffer? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = _backend.Allocate(length);
        }
    }
}
