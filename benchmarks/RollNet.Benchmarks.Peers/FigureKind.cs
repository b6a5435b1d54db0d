namespace RollNet.Benchmarks.Peers;

/// <summary>What a figure times, whichever library runs it.</summary>
internal enum FigureKind
{
    FmaPeak,
    SgemmSquare,
    SgemmRecurrent,
    Train,
    Infer,
    Generate,
}
