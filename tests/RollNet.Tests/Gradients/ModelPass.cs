using RollNet.Compute;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;

namespace RollNet.Tests.Gradients;

/// <summary>
/// One batch held on the device with what a gradient check of a whole model needs: a training forward pass over a
/// chunk of its steps with dropout drawn from a fixed (seed, stream), so every pass uses the same masks, its loss,
/// and its backward pass.
/// </summary>
internal sealed class ModelPass : IDisposable
{
    private readonly RollModel _model;
    private readonly InferenceRunner _runner;
    private readonly ModelBackwardBuffers _buffers;
    private readonly int _steps, _batch;
    private int _firstStep, _chunk;

    public ModelPass(RollModel model, SequenceBatch batch)
    {
        _model = model;
        (_steps, _batch) = (batch.Steps, batch.BatchSize);
        _runner = new InferenceRunner(model);
        _runner.Upload(batch);
        _buffers = new ModelBackwardBuffers(model.Backend, model.Config);
        Gradients = model.Backend.Allocate(model.Parameters.Layout.Length);
    }

    /// <summary>dL/dparameters of the last <see cref="Backward"/>, laid out as the parameters.</summary>
    public DeviceBuffer Gradients { get; }

    /// <summary>The batch's inputs on the device (T×B×I); a check may move them in place.</summary>
    public BufferSlice Input => _runner.Input(0, _steps, _batch);

    /// <summary>The inputs of the last chunk run.</summary>
    public BufferSlice ChunkInput => _runner.Input(_firstStep, _chunk, _batch);

    /// <summary>The state carried between chunks.</summary>
    public RecurrentState State => _runner.State;

    /// <summary>
    /// scale · loss of steps [<paramref name="firstStep"/>, +<paramref name="steps"/>) (all of them by default), from
    /// the carried state when <paramref name="carryState"/> is set; the loss's gradient scaled by
    /// <paramref name="scale"/> is kept for <see cref="Backward"/>.
    /// </summary>
    public double Loss(float scale, int firstStep = 0, int steps = 0, bool carryState = false)
    {
        (_firstStep, _chunk) = (firstStep, steps > 0 ? steps : _steps);
        _runner.Forward(_firstStep, _chunk, _batch, training: true, 11, 2, carryState);
        return scale * _runner.Loss(_firstStep, _chunk, scale);
    }

    /// <summary>Zeroes the gradients and backpropagates the last pass; dL/dinput goes to <paramref name="dInput"/> when given.</summary>
    public void Backward(BufferSlice? dInput = null)
    {
        _model.Backend.Fill(Gradients.All, 0);
        _model.Backward(_runner.Activations, ChunkInput, Gradients, _buffers, dInput);
    }

    public void Dispose()
    {
        _runner.Dispose();
        _buffers.Dispose();
        Gradients.Dispose();
    }
}
