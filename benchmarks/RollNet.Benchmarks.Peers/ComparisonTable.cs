using System.Globalization;
using System.Text;

namespace RollNet.Benchmarks.Peers;

/// <summary>Every round's figures, summed up as a Markdown table: medians over rounds, with min–max when there are several.</summary>
internal sealed class ComparisonTable
{
    private readonly List<PairedFigure> _figures = [];

    public void Add(PairedFigure figure) => _figures.Add(figure);

    /// <summary><paramref name="gflops"/> as a share of the FMA peak measured in the same round as <paramref name="sgemm"/>, if it was.</summary>
    public double? Share(PairedFigure sgemm, double? gflops)
    {
        PairedFigure? peak = _figures.FirstOrDefault(f => f.Round == sgemm.Round && f.Shape.Kind == FigureKind.FmaPeak);
        return peak is not null && gflops is double value ? value / peak.RollNet : null;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | RollNet | libtorch | ratio |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (IGrouping<FigureShape, PairedFigure> rounds in _figures.GroupBy(figure => figure.Shape))
        {
            string name = $"{rounds.Key.Name} ({rounds.Key.Unit})";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Summary([.. rounds.Select(r => r.RollNet)], Value)} | "
                + $"{Summary([.. rounds.Select(r => r.LibTorch)], Value)} | {Summary([.. rounds.Select(r => r.Ratio)], Ratio)} |");
        }

        AppendShareOfPeak(text);
        List<PairedFigure> contended = [.. _figures.Where(figure => figure.Contended)];
        if (contended.Count > 0)
        {
            text.AppendLine();
            string which = string.Join(", ", contended.Select(f => $"{f.Shape.Name} in round {f.Round}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Not for publication: other processes kept more than {OtherProcessesLoad.ContendedCores} of a core busy while "
                + $"{contended.Count} of the {_figures.Count} figures were measured ({which}).");
        }

        return text.ToString();
    }

    /// <summary>SGEMM as a share of RollNet's FMA peak measured in the same round, for both libraries.</summary>
    private void AppendShareOfPeak(StringBuilder text)
    {
        var shares = new List<string>();
        foreach (IGrouping<FigureShape, PairedFigure> rounds in _figures.Where(f => f.Shape.IsSgemm).GroupBy(f => f.Shape))
        {
            List<(double? RollNet, double? LibTorch)> perRound = [.. rounds.Select(r => (Share(r, r.RollNet), Share(r, r.LibTorch)))];
            if (perRound.All(share => share.RollNet is null))
            {
                continue;
            }

            shares.Add($"{rounds.Key.Name}: RollNet {Summary([.. perRound.Select(s => s.RollNet)], Percent)}, "
                + $"libtorch {Summary([.. perRound.Select(s => s.LibTorch)], Percent)}");
        }

        if (shares.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"SGEMM as a share of the FMA peak (fma_peak_gflops): {string.Join("; ", shares)}.");
        }
    }

    private static string Summary(IReadOnlyList<double?> values, Func<double, string> format)
    {
        List<double> known = [.. values.OfType<double>().Order()];
        if (known.Count == 0)
        {
            return "–";
        }

        double median = known.Count % 2 == 1 ? known[known.Count / 2] : (known[(known.Count / 2) - 1] + known[known.Count / 2]) / 2;
        return known.Count == 1 ? format(median) : $"{format(median)} ({format(known[0])}–{format(known[^1])})";
    }

    private static string Value(double value) =>
        value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("0%", CultureInfo.InvariantCulture);
}
