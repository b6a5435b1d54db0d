using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// An LSTM-NADE's head written as a PyTorch user would, with RollNet's definition: the top state h gives each
/// frame visible biases b_v = Linear(H, 88)(h) and hidden biases b_h = Linear(H, N)(h); the NADE's own W and V (88×N,
/// row i for key i) are shared over time; a_i = b_h + Σ_{j&lt;i} v_j W_j, logit_i = b_v,i + V_i·σ(a_i).
/// </summary>
internal sealed class TorchNadeHead : ITorchOutputHead
{
    private readonly Linear _visibleBias, _hiddenBias;
    private readonly Parameter _weights, _outputWeights;

    public TorchNadeHead(int hidden, int nadeHidden)
    {
        _visibleBias = nn.Linear(hidden, FigureCatalog.Keys);
        _hiddenBias = nn.Linear(hidden, nadeHidden);

        // RollNet's scale for every weight matrix: uniform in ±1/√H.
        double limit = 1 / Math.Sqrt(hidden);
        _weights = new Parameter(torch.empty(FigureCatalog.Keys, nadeHidden).uniform_(-limit, limit));
        _outputWeights = new Parameter(torch.empty(FigureCatalog.Keys, nadeHidden).uniform_(-limit, limit));
    }

    public IEnumerable<Parameter> Parameters() =>
        _visibleBias.parameters().Concat(_hiddenBias.parameters()).Append(_weights).Append(_outputWeights);

    public void Train(bool on)
    {
        _visibleBias.train(on);
        _hiddenBias.train(on);
    }

    /// <summary>All keys of all frames at once: the sums over lower keys are an exclusive cumulative sum.</summary>
    public Tensor LossSum(Tensor top, Tensor targets)
    {
        Tensor visibleBias = _visibleBias.forward(top);                        // T×B×88
        Tensor hiddenBias = _hiddenBias.forward(top);                          // T×B×N
        Tensor contributions = targets.unsqueeze(-1) * _weights;               // T×B×88×N: v_j W_j
        Tensor below = contributions.cumsum(-2) - contributions;               // Σ_{j<i} v_j W_j
        Tensor hiddenUnits = torch.sigmoid(hiddenBias.unsqueeze(-2) + below);  // T×B×88×N
        Tensor logits = visibleBias + (hiddenUnits * _outputWeights).sum(-1);  // T×B×88
        return nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.Sum);
    }

    public Tensor Probabilities(Tensor top) =>
        throw new NotSupportedException("the NADE head's keys depend on each other; no figure asks for its probabilities");

    /// <summary>Key by key from low to high, each key drawn given the keys below it.</summary>
    public Tensor SampleFrame(Tensor top)
    {
        Tensor visibleBias = _visibleBias.forward(top).view(FigureCatalog.Keys);
        Tensor activation = _hiddenBias.forward(top).view(-1);
        var keys = new Tensor[FigureCatalog.Keys];
        for (int i = 0; i < keys.Length; i++)
        {
            Tensor probability = torch.sigmoid(visibleBias[i] + torch.dot(_outputWeights[i], torch.sigmoid(activation)));
            keys[i] = torch.bernoulli(probability);
            activation = activation + (keys[i] * _weights[i]);
        }

        return torch.stack(keys).view(1, 1, FigureCatalog.Keys);
    }

    public void Load(RollNetWeights weights)
    {
        weights.CopyTo("nade.bv.w", _visibleBias.weight!);
        weights.CopyTo("nade.bv.b", _visibleBias.bias!);
        weights.CopyTo("nade.bh.w", _hiddenBias.weight!);
        weights.CopyTo("nade.bh.b", _hiddenBias.bias!);
        weights.CopyTo("nade.w", _weights);
        weights.CopyTo("nade.v", _outputWeights);
    }

    public void Dispose()
    {
        _visibleBias.Dispose();
        _hiddenBias.Dispose();
        _weights.Dispose();
        _outputWeights.Dispose();
    }
}
