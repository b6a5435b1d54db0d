using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RollNet.Benchmarks.Peers;

/// <summary>The paper's output layer: Linear(H, 88) and a sigmoid per key.</summary>
internal sealed class TorchSigmoidHead(int hidden) : ITorchOutputHead
{
    private readonly Linear _output = nn.Linear(hidden, FigureCatalog.Keys);

    public IEnumerable<Parameter> Parameters() => _output.parameters();

    public void Train(bool on) => _output.train(on);

    public Tensor LossSum(Tensor top, Tensor targets) =>
        nn.functional.binary_cross_entropy_with_logits(_output.forward(top), targets, reduction: nn.Reduction.Sum);

    public Tensor Probabilities(Tensor top) => torch.sigmoid(_output.forward(top));

    public Tensor SampleFrame(Tensor top) => torch.bernoulli(torch.sigmoid(_output.forward(top)));

    public void Load(RollNetWeights weights)
    {
        weights.CopyTo("out.w", _output.weight!);
        weights.CopyTo("out.b", _output.bias!);
    }

    public void Dispose() => _output.Dispose();
}
