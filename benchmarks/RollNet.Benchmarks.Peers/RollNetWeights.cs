using RollNet.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// A RollNet model's parameters by name, to load into the libtorch model: with the same weights both libraries must
/// give the same loss, which shows that they compute the same network (both order the LSTM gates i, f, g, o).
/// </summary>
internal sealed class RollNetWeights(ParameterLayout layout, float[] values)
{
    /// <summary>Copies tensor <paramref name="name"/> into <paramref name="destination"/>, which has as many elements.</summary>
    public void CopyTo(string name, Tensor destination)
    {
        ParameterTensor tensor = layout[name];
        using Tensor source = torch.tensor(values.AsSpan(tensor.Offset, tensor.Length).ToArray(), destination.shape);
        using var noGrad = torch.no_grad();
        destination.copy_(source);
    }
}
