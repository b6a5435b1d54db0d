using System.Globalization;

namespace RollNet.Diagnostics;

/// <summary>One measured figure, printed as <c>name value unit</c>.</summary>
public readonly record struct BenchmarkFigure(string Name, double Value, string Unit)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Value:0.##} {Unit}");
}
