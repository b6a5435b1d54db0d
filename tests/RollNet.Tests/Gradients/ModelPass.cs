using RollNet.Compute;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;

namespace RollNet.Tests.Gradients;

/// <summary>
/// One batch held on the device with what a gradient check of a whole model needs: a training forward pass with
/// dropout drawn from a fixed (seed, stream), so every pass uses the same masks, its loss, and its backward pass.
/// </summary>
internal sealed class ModelPass : IDisposable
{
    private readonly RollModel _model;
    private readonly InferenceRunner _runner;
    private readonly ModelBackwardBuffers _buffers;
    private readonly int _steps, _batch;

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

    /// <summary>scale · loss, with the loss's gradient scaled by <paramref name="scale"/> kept for <see cref="Backward"/>.</summary>
    public double Loss(float scale, ulong dropoutSeed = 11, ulong dropoutStream = 2)
    {
        _runner.Forward(0, _steps, _batch, training: true, dropoutSeed, dropoutStream, carryState: false);
        return scale * _runner.Loss(0, _steps, scale);
    }

    /// <summary>Zeroes the gradients and backpropagates the last pass; dL/dinput goes to <paramref name="dInput"/> when given.</summary>
    public void Backward(BufferSlice? dInput = null)
    {
        _model.Backend.Fill(Gradients.All, 0);
        _model.Backward(_runner.Activations, Input, Gradients, _buffers, dInput);
    }

    public void Dispose()
    {
        _runner.Dispose();
        _buffers.Dispose();
        Gradients.Dispose();
    }
}
