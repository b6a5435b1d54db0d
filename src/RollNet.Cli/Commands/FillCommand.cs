using System.CommandLine;
using RollNet.Data;
using RollNet.Generation;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet fill</c>: a span of steps rewritten to fit what comes before and after it.</summary>
internal static class FillCommand
{
    public static Command Create()
    {
        var roll = new Option<string>("--roll") { Description = "The .mid, .midi or .json file to fill in", Required = true };
        var from = new Option<int>("--from") { Description = "The first step of the span to rewrite (0 is the first)", Required = true }
            .AtLeast(0);
        var to = new Option<int>("--to") { Description = "The step after the span: steps from --from up to it are rewritten", Required = true }
            .AtLeast(1);
        Command command = ConditionalCommand.Create("fill",
            "Fill in a gap: the steps outside --from..--to are held as they are and the model draws the steps inside to fit both sides",
            roll, [from, to], (parse, path, piece) =>
            {
                int first = parse.GetValue(from), end = parse.GetValue(to);
                if (end > piece.Steps)
                {
                    throw new DatasetException(path, $"--to {end} is past its {piece.Steps} steps");
                }

                return (HeldKeys.Around(piece, first, end), $"steps {first} to {end - 1} of {Path.GetFileName(path)} filled in");
            });
        command.Validators.Add(result =>
        {
            // A bound left out, not a number or out of its own range is the parser's to report.
            if (result.TryGetValue(from, out int first) && result.TryGetValue(to, out int end) && first >= 0 && end >= 1 && first >= end)
            {
                result.AddError($"--from {first} must come before --to {end}");
            }
        });
        return command;
    }
}
