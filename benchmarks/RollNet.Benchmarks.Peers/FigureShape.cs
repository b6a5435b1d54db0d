namespace RollNet.Benchmarks.Peers;

/// <summary>
/// One figure of <c>rollnet bench</c> and the shape both libraries measure it at, with the timing plan of RollNet's
/// QuickBenchmark (a time budget and a least number of timed runs), which the libtorch side copies.
/// </summary>
/// <param name="Name">The figure's name in RollNet's QuickBenchmark.</param>
/// <param name="Kind">What is timed.</param>
/// <param name="Hidden">LSTM units per layer (model figures only).</param>
/// <param name="Nade">True for the NADE head, false for the sigmoid layer.</param>
/// <param name="BFloat16">RollNet multiplies by weights rounded to bfloat16; libtorch stays float32.</param>
/// <param name="Unit">The unit both sides report in.</param>
/// <param name="Budget">How long the timed runs should fill.</param>
/// <param name="MinimumRuns">The least number of timed runs.</param>
internal sealed record FigureShape(
    string Name,
    FigureKind Kind,
    int Hidden,
    bool Nade,
    bool BFloat16,
    string Unit,
    TimeSpan Budget,
    int MinimumRuns)
{
    /// <summary>True when libtorch has a counterpart; the FMA peak is RollNet's own probe of the machine.</summary>
    public bool HasPeer => Kind != FigureKind.FmaPeak;

    /// <summary>True for the SGEMM figures, which are also shown as a share of the FMA peak.</summary>
    public bool IsSgemm => Kind is FigureKind.SgemmSquare or FigureKind.SgemmRecurrent;
}
