using System.CommandLine;
using System.CommandLine.Parsing;
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

        // The parser takes an option that a command lacks for the value of an argument it has (convert's file to read,
        // say), which then failed as a file of unknown type named "--threads", or left the value after it unmatched.
        if (parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(argument => argument.Tokens)
                .FirstOrDefault(token => token.Value.StartsWith("--", StringComparison.Ordinal)) is { } stray)
        {
            configuration.Error.WriteLine($"rollnet: {Named(parse.CommandResult)} has no option {stray.Value}");
            return 1;
        }

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

    /// <summary>A command as typed after <c>rollnet</c>: "convert", "data stats".</summary>
    private static string Named(CommandResult command) => command.Parent is CommandResult { Parent: not null } parent
        ? $"{Named(parent)} {command.Command.Name}"
        : command.Command.Name;
}
