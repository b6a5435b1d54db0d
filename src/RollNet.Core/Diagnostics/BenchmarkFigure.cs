using System.Globalization;

namespace RollNet.Diagnostics;

/// <summary>One measured figure, printed as <c>name value unit</c>.</summary>
internal readonly record struct BenchmarkFigure(string Name, double Value, string Unit)
{
    /// <summary>The figure as <c>name value unit</c>, the value with at most two decimals, in the invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Value:0.##} {Unit}");
}
