using TorchSharp;
using TorchSharp.Modules;

namespace RollNet.Benchmarks.Peers;

/// <summary>What the libtorch model puts on top of its LSTM stack: a sigmoid layer or an LSTM-NADE's NADE.</summary>
internal interface ITorchOutputHead : IDisposable
{
    IEnumerable<Parameter> Parameters();

    void Train(bool on);

    /// <summary>Binary cross-entropy of <paramref name="targets"/> (T×B×88) summed over keys and frames, in nats.</summary>
    torch.Tensor LossSum(torch.Tensor top, torch.Tensor targets);

    /// <summary>Each key's probability of sounding, given the top LSTM state of each frame.</summary>
    torch.Tensor Probabilities(torch.Tensor top);

    /// <summary>Takes the head's weights from a RollNet model of the same shape.</summary>
    void Load(RollNetWeights weights);

    /// <summary>One drawn frame (1×1×88 of 0 and 1) given the top LSTM state of one step (1×1×H).</summary>
    torch.Tensor SampleFrame(torch.Tensor top);
}
