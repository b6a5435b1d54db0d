using RollNet.Heads;
using RollNet.Model;

namespace RollNet.Tests.Model;

/// <summary>Heads by the name a theory gives them, small enough for tests.</summary>
internal static class TestHeads
{
    /// <summary>
    /// The head called <paramref name="name"/>: the sigmoid head, a NADE of <paramref name="hidden"/> units deciding the
    /// keys in <paramref name="order"/>, or the categorical head.
    /// </summary>
    public static HeadOptions Small(string name, int hidden, KeyOrder order = KeyOrder.Ascending) => name switch
    {
        "sigmoid" => new SigmoidHeadOptions(),
        "nade" => new NadeHeadOptions(hidden, order),
        "categorical" => new CategoricalHeadOptions(),
        _ => throw new ArgumentException($"no head called {name}", nameof(name)),
    };
}
