using RollNet.Compute;
using RollNet.Heads;
using RollNet.Layers;

namespace RollNet.Model;

/// <summary>
/// Everything a forward pass of a <see cref="RollModel"/> writes and its backward pass reads, in one place: per LSTM
/// layer its activations and its dropout mask, then the head's. Owned by whoever runs the model, never by the model.
/// </summary>
internal sealed class ModelActivations : IDisposable
{
    public ModelActivations(Backend backend, ModelConfig config, OutputHead head)
    {
        Lstm = [.. Enumerable.Range(0, config.Layers).Select(_ => new LstmActivations(backend, config.HiddenSize))];
        Dropout = [.. Enumerable.Range(0, config.Layers).Select(_ => new DropoutActivations(backend))];
        Head = head.CreateActivations();
    }

    public LstmActivations[] Lstm { get; }

    public DropoutActivations[] Dropout { get; }

    public HeadActivations Head { get; }

    /// <summary>Steps of the last pass.</summary>
    public int Steps { get; set; }

    /// <summary>Sequences of the last pass.</summary>
    public int Batch { get; set; }

    /// <summary>The weights the last pass multiplied by: only a float32 pass can be backpropagated.</summary>
    public MatrixPrecision Precision { get; set; }

    public void Dispose()
    {
        foreach (IDisposable d in Lstm.Concat<IDisposable>(Dropout).Append(Head))
        {
            d.Dispose();
        }
    }
}
