using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using RollNet.Cli.Commands;

namespace RollNet.Cli;

/// <summary>The <c>rollnet</c> command tree, to run from <c>Main</c> or, with captured output, from tests.</summary>
internal static partial class RollNetCommand
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
                Plain(string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
            configuration.Error.WriteLine($"rollnet: {string.Join("; ", messages)}");
            return 1;
        }

        return parse.Invoke(configuration);
    }

    /// <summary>
    /// The parser's message for a value that does not convert, which names the .NET type it expected ("Cannot parse
    /// argument 'abc' for option '--seed' as expected type 'System.UInt64'."), in the words of the option's help; any
    /// other message as it is.
    /// </summary>
    private static string Plain(string message)
    {
        Match match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        string type = match.Groups["type"].Value;
        string kind = type switch
        {
            _ when type.Contains("System.UInt", StringComparison.Ordinal) => "a whole number of 0 or more",
            _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("System.Single", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number",
            _ => "one of its values",
        };

        // An enum's names that resemble the value follow as a question of the parser's own.
        string[] resembling = match.Groups["rest"].Value.Split("Did you mean one of the following?", 2) is [_, { } names]
            ? names.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        string hint = resembling.Length > 0 ? $"; did you mean {string.Join(" or ", resembling)}?" : "";
        return $"{match.Groups["option"].Value} must be {kind}, not '{match.Groups["value"].Value}'{hint}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.(?<rest>.*)$")]
    private static partial Regex CannotParse();

    /// <summary>A command as typed after <c>rollnet</c>: "convert", "data stats".</summary>
    private static string Named(CommandResult command) => command.Parent is CommandResult { Parent: not null } parent
        ? $"{Named(parent)} {command.Command.Name}"
        : command.Command.Name;
}
