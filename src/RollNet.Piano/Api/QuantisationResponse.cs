using RollNet.Data;

namespace RollNet.Piano.Api;

/// <summary>What the grid of <c>POST /api/midi/import</c> did to the file's notes (see <see cref="QuantisationReport"/>).</summary>
/// <param name="Notes">The notes read.</param>
/// <param name="Merged">Notes joined to an earlier note of their key that a silence parted them from.</param>
/// <param name="RunTogether">Notes made to start on the same step as a note that started before them.</param>
/// <param name="Lost">Notes merged, run together or both, each once.</param>
/// <param name="ShortestNote">The shortest note in quarter notes, or null when there is none.</param>
/// <param name="SuggestedStepsPerQuarter">A finer grid that loses fewer notes, or null.</param>
/// <param name="SuggestedLost">The notes that grid would lose: 0 when it keeps every one.</param>
/// <param name="Summary">All of it in one line, for the status bar.</param>
internal sealed record QuantisationResponse(
    int Notes,
    int Merged,
    int RunTogether,
    int Lost,
    double? ShortestNote,
    int? SuggestedStepsPerQuarter,
    int SuggestedLost,
    string Summary)
{
    public static QuantisationResponse Of(QuantisationReport report) =>
        new(report.Notes, report.Merged, report.RunTogether, report.Lost, report.ShortestNote, report.SuggestedStepsPerQuarter,
            report.SuggestedLost, report.ToString());
}
