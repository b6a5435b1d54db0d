using System.Globalization;

namespace RollNet.Benchmarks.Peers;

/// <summary>One figure measured by both libraries in round <paramref name="Round"/>; libtorch's is null where it has no counterpart.</summary>
/// <param name="OthersDuringRollNet">Cores other processes used while RollNet's side ran (NaN: too short to tell).</param>
/// <param name="OthersDuringLibTorch">The same while libtorch's side ran (0 where there is none).</param>
internal sealed record PairedFigure(
    int Round,
    FigureShape Shape,
    double RollNet,
    double? LibTorch,
    double OthersDuringRollNet,
    double OthersDuringLibTorch)
{
    /// <summary>True when other processes were busy enough to slow the figure (NaN compares false).</summary>
    public bool Contended =>
        OthersDuringRollNet > OtherProcessesLoad.ContendedCores || OthersDuringLibTorch > OtherProcessesLoad.ContendedCores;

    /// <summary>RollNet / libtorch: above 1 where RollNet is faster.</summary>
    public double? Ratio => LibTorch is double peer ? RollNet / peer : null;

    /// <summary>The result line: <c>figure rollnet libtorch ratio unit</c>, "-" where there is no peer.</summary>
    public override string ToString()
    {
        string peer = LibTorch is double value ? value.ToString("0.##", CultureInfo.InvariantCulture) : "-";
        string ratio = Ratio is double r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{Shape.Name} {RollNet:0.##} {peer} {ratio} {Shape.Unit}");
    }
}
