using RollNet.Compute;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// Trains a <see cref="RollModel"/> on batches: an <see cref="InferenceRunner"/> for the forward pass and the loss
/// (the output head's negative log-likelihood averaged over real frames), then backward (whole sequences or truncated
/// BPTT chunks that carry h and C forward) into a gradient buffer of the trainer's own, global-norm clipping, and one
/// optimizer update per chunk.
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly RollModel _model;
    private readonly Backend _backend;
    private readonly ModelBackwardBuffers _backward;

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public Trainer(RollModel model, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
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
        Runner = new InferenceRunner(model);
        Gradients = _backend.Allocate(count);
        _backward = new ModelBackwardBuffers(_backend, model.Config);
    }

    /// <summary>The options the trainer was made with.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The optimizer <see cref="TrainerOptions.Optimizer"/> chose, with its state; a checkpoint saves and restores it.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The runner the trainer's passes go through; it also evaluates the model between updates.</summary>
    public InferenceRunner Runner { get; }

    /// <summary>dL/dparameters of the last update, laid out as <see cref="ParameterSet.Values"/>.</summary>
    internal DeviceBuffer Gradients { get; }

    /// <summary>Trains on one batch; throws <see cref="NonFiniteLossException"/> before any update that would spoil the model.</summary>
    public TrainStepResult TrainBatch(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Runner.Upload(batch);
        int steps = batch.Steps, rowsPerStep = batch.BatchSize;
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

            double loss = ComputeGradients(t0, length, rowsPerStep, 1f / frames);
            if (!double.IsFinite(loss))
            {
                throw new NonFiniteLossException($"the loss became {loss} at update {Optimizer.Steps + 1}; the model was not updated");
            }

            norm = Math.Sqrt(_backend.SumOfSquares(Gradients.All));
            if (!double.IsFinite(norm))
            {
                throw new NonFiniteLossException($"the gradient norm became {norm} at update {Optimizer.Steps + 1}; the model was not updated");
            }

            float scale = Options.ClipNorm > 0 && norm > Options.ClipNorm ? (float)(Options.ClipNorm / norm) : 1f;
            Optimizer.Update(_model.Parameters, Gradients, scale);
            lossSum += loss;
        }

        return new TrainStepResult(lossSum, batch.Frames, norm);
    }

    /// <summary>
    /// Forward with dropout, loss and backward over steps [<paramref name="firstStep"/>, +<paramref name="steps"/>) of
    /// the uploaded batch, carrying the state of the steps before; leaves dL/dparameters (the loss scaled by
    /// <paramref name="gradientScale"/>) in <see cref="Gradients"/> and dL/dinput in <paramref name="dInput"/> when
    /// given. Returns the unscaled loss.
    /// </summary>
    internal double ComputeGradients(int firstStep, int steps, int batch, float gradientScale, BufferSlice? dInput = null)
    {
        _backend.Fill(Gradients.All, 0);
        Runner.Forward(firstStep, steps, batch, training: true, Options.Seed, (ulong)Optimizer.Steps,
            carryState: firstStep > 0);
        double loss = Runner.Loss(firstStep, steps, gradientScale);
        _model.Backward(Runner.Activations, Runner.Input(firstStep, steps, batch), Gradients, _backward, dInput);
        return loss;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Optimizer.Dispose();
        Runner.Dispose();
        Gradients.Dispose();
        _backward.Dispose();
    }

    private static int CountFrames(ReadOnlySpan<float> mask)
    {
        int count = 0;
        foreach (float m in mask)
        {
            count += m != 0 ? 1 : 0;
        }

        return count;
    }
}
