using System.CommandLine;
using RollNet.Compute;
using RollNet.Diagnostics;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet bench</c>: quick performance figures, one <c>name value unit</c> per line.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<int> threads = CommonOptions.Threads();
        Option<DeviceChoice> device = CommonOptions.Device();
        var figures = new Option<string[]>("--figures")
        {
            Description = $"Measure only these figures, separated by commas: {string.Join(", ", QuickBenchmark.FigureNames)}",
            CustomParser = result => [.. result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var command = new Command("bench", "Measure FMA peak, SGEMM, training, inference and generation speed with either head (about a minute)")
        {
            threads, device, figures,
        };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            int n = parse.GetValue(threads);
            // Without the option every figure is measured; given, it must name at least one.
            string[]? only = parse.GetResult(figures) is null ? null : parse.GetValue(figures);
            if (only is { Length: 0 })
            {
                throw new ArgumentException($"--figures names no figure; the figures are {string.Join(", ", QuickBenchmark.FigureNames)}");
            }

            using Backend backend = CommonOptions.CreateBackend(parse.GetValue(device), n, stderr);
            string? header = $"# {backend.Name} backend; host: {HostDescription.Cpu()}, {Environment.ProcessorCount} cores; "
                + $"{n} threads, {HostDescription.Vectors()}";

            // The header goes out with the first figure, so that a bad figure name leaves a single error line.
            QuickBenchmark.Run(backend, n, figure =>
            {
                if (header is not null)
                {
                    stderr.WriteLine(header);
                    header = null;
                }

                stdout.WriteLine(figure);
            }, only);
            return 0;
        }));
        return command;
    }
}
