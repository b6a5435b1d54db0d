using System.CommandLine;
using RollNet.Cli.Commands;

namespace RollNet.Cli;

/// <summary>The <c>rollnet</c> command tree, to run from <c>Main</c> or, with captured output, from tests.</summary>
internal static class RollNetCommand
{
    public static RootCommand Create() =>
        new("RollNet: learn polyphonic music with an LSTM written from scratch, and generate new music.")
        {
            TrainCommand.Create(),
            EvalCommand.Create(),
            GenerateCommand.Create(),
            HarmonizeCommand.Create(),
            FillCommand.Create(),
            PianoCommand.Create(),
            ConvertCommand.Create(),
            DataCommand.Create(),
            StatsCommand.Create(),
            BenchCommand.Create(),
            DevicesCommand.Create(),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        ParseResult parse = Create().Parse(args.Count == 0 ? ["--help"] : args);

        // A mistyped command line costs one line on stderr, not a screenful of help.
        if (ParseProblem.Of(parse) is { } problem)
        {
            configuration.Error.WriteLine($"rollnet: {problem}");
            return 1;
        }

        return parse.Invoke(configuration);
    }
}
