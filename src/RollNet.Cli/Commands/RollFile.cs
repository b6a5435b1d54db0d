using RollNet.Data;

namespace RollNet.Cli.Commands;

/// <summary>
/// A roll read by <see cref="RollFiles.Read"/>: what the grid lost when it came from MIDI (null for JSON), and whether
/// its grid was the reader's default for want of any known one.
/// </summary>
internal sealed record RollFile(TimedPianoRoll Roll, QuantisationReport? Quantisation, bool GridAssumed);
