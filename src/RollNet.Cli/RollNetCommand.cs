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

        // A mistyped option costs one line on stderr, not a screenful of help.
        if (parse.Errors.Count > 0)
        {
            // Some messages list the allowed values on lines of their own.
            IEnumerable<string> messages = parse.Errors.Select(e =>
                string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            configuration.Error.WriteLine($"rollnet: {string.Join("; ", messages)}");
            return 1;
        }

        return parse.Invoke(configuration);
    }
}
