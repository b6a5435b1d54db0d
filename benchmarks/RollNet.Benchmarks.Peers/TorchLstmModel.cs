using RollNet.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// RollNet's network in libtorch: 88 → LSTM(H) → dropout → LSTM(H) → dropout → head, dropout 0.5 while training
/// (nn.LSTM's own between the layers, an explicit one on the top layer's output as RollNet drops every layer's output).
/// Time-major: T×B×88. libtorch runs the LSTM its default way (oneDNN's RNN primitive on CPU).
/// </summary>
internal sealed class TorchLstmModel : IDisposable
{
    private const int Layers = 2;
    private const double Dropout = 0.5;

    private readonly LSTM _lstm;
    private bool _training;

    public TorchLstmModel(int hidden, bool nade)
    {
        Hidden = hidden;
        _lstm = nn.LSTM(FigureCatalog.Keys, hidden, Layers, dropout: Dropout);
        Head = nade ? new TorchNadeHead(hidden, FigureCatalog.NadeHidden) : new TorchSigmoidHead(hidden);
    }

    public int Hidden { get; }

    public ITorchOutputHead Head { get; }

    public IEnumerable<Parameter> Parameters() => _lstm.parameters().Concat(Head.Parameters());

    public void Train(bool on)
    {
        _training = on;
        _lstm.train(on);
        Head.Train(on);
    }

    /// <summary>Takes every weight from a RollNet model of the same shape; RollNet has one bias per gate, libtorch two.</summary>
    public void Load(RollNetWeights weights)
    {
        Dictionary<string, Parameter> lstm = _lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (int l = 0; l < Layers; l++)
        {
            weights.CopyTo(ParameterLayout.WeightName(l), lstm[$"weight_ih_l{l}"]);
            weights.CopyTo(ParameterLayout.RecurrentName(l), lstm[$"weight_hh_l{l}"]);
            weights.CopyTo(ParameterLayout.BiasName(l), lstm[$"bias_ih_l{l}"]);
            using var noGrad = torch.no_grad();
            lstm[$"bias_hh_l{l}"].zero_();
        }

        Head.Load(weights);
    }

    /// <summary>The top layer's output for every frame, dropped out while training.</summary>
    public Tensor Top(Tensor input)
    {
        (Tensor output, _, _) = _lstm.forward(input);
        return nn.functional.dropout(output, Dropout, _training);
    }

    /// <summary>Binary cross-entropy summed over the keys and averaged over the frames, in nats per frame.</summary>
    public Tensor Loss(Tensor input, Tensor targets) =>
        Head.LossSum(Top(input), targets) / (input.shape[0] * input.shape[1]);

    /// <summary>One step of one sequence: the top state (1×1×H) and the new (h, c) of both layers.</summary>
    public (Tensor Top, Tensor Hidden, Tensor Cell) Step(Tensor frame, Tensor hidden, Tensor cell)
    {
        (Tensor output, Tensor nextHidden, Tensor nextCell) = _lstm.forward(frame, (hidden, cell));
        return (output, nextHidden, nextCell);
    }

    /// <summary>A zero state (h or c) for one sequence.</summary>
    public Tensor ZeroState() => torch.zeros(Layers, 1, Hidden);

    public void Dispose()
    {
        _lstm.Dispose();
        Head.Dispose();
    }
}
