using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using RollNet.Cli.Commands;
using RollNet.IO;

namespace RollNet.Cli;

/// <summary>
/// What is wrong with a command line the parser could not take, as one line in the words of the command's help: the
/// option or command a mistyped name resembles, the options and values left out, and values that do not convert,
/// rather than the parser's messages (which name .NET types, and repeat one another for one slip).
/// </summary>
internal static partial class ParseProblem
{
    /// <summary>The line to print for <paramref name="parse"/>, or null when it parsed cleanly.</summary>
    public static string? Of(ParseResult parse)
    {
        CommandResult commandResult = parse.CommandResult;
        Command command = commandResult.Command;

        // The parser takes an option that a command lacks for the value of an argument it has (convert's file to read,
        // say), which then failed as a file of unknown type named "--threads", or left the value after it unmatched.
        if (commandResult.Children.OfType<ArgumentResult>().SelectMany(argument => argument.Tokens)
                .FirstOrDefault(token => token.Value.StartsWith("--", StringComparison.Ordinal)) is { } stray)
        {
            return NoSuchOption(commandResult, stray.Value);
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        // What the tokenizer could not read (a file of arguments named with @) belongs to no option or command, and the
        // rest follows from it.
        if (parse.Errors.FirstOrDefault(e => e.SymbolResult is null) is { } unread)
        {
            return Plain(unread.Message.TrimEnd('.'), valueType: null);
        }

        // An option given no value takes the next option for it, and what followed is then left over.
        if (parse.Errors.Select(e => e.SymbolResult).OfType<OptionResult>()
                .Select(r => (r.Option.Name, Taken: r.Tokens.FirstOrDefault(t => IsOptionLike(t.Value))))
                .FirstOrDefault(p => p.Taken is not null) is { Taken: { } taken } valueless)
        {
            return $"{valueless.Name} needs a value before {taken.Value}";
        }

        // Of the tokens nothing took, the first says what went wrong; the value typed after a mistyped option is left
        // over with it, and a required option it was meant to be is then missing too.
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (IsOptionLike(token))
            {
                return NoSuchOption(commandResult, token);
            }

            if (command.Subcommands.Count > 0)
            {
                string names = Suggestion(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                return $"{HasNo(commandResult)} command '{token}'{names}";
            }

            string subject = Subject(commandResult);
            string[] arguments = [.. command.Arguments.Select(Name)];
            return arguments.Length == 0
                ? $"{subject} takes no value of its own, not '{token}': each value follows the option it is for"
                : $"{subject} takes {Listed.And(arguments)}, not also '{token}'";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"{Subject(commandResult)} needs a command: {Listed.Or(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        }

        string[] missing =
        [
            .. command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 && (parse.GetResult(a) is not ArgumentResult r || r.Tokens.Count == 0))
                .Select(Name),
            // A required option left out still has a result, one the parser made up.
            .. command.Options.Where(o => o.Required && !parse.IsGiven(o)).Select(o => o.Name),
        ];
        if (missing.Length > 0)
        {
            return $"{Subject(commandResult)} needs {Listed.And(missing)}";
        }

        // Some messages list the allowed values on lines of their own.
        return string.Join("; ", parse.Errors.Select(e =>
            Plain(string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.'),
                (e.SymbolResult as OptionResult)?.Option.ValueType)));
    }

    /// <summary>A token that reads as an option's name: a dash and more, but not a negative number.</summary>
    private static bool IsOptionLike(string token) =>
        token.StartsWith('-') && token.Length > 1 && !double.TryParse(token, CultureInfo.InvariantCulture, out _);

    private static string NoSuchOption(CommandResult command, string token)
    {
        // --name=value and --name:value give the value with the name.
        token = token.Split('=', ':')[0];
        // Options of the commands above that reach down to this one (--help) are its options too.
        IEnumerable<Option> options = command.Command.Options.Concat(Ancestors(command)
            .SelectMany(c => c.Command.Options).Where(o => o.Recursive));
        string names = Suggestion(token, options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        return $"{HasNo(command)} option {token}{names}";
    }

    private static IEnumerable<CommandResult> Ancestors(CommandResult command)
    {
        for (SymbolResult? parent = command.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CommandResult result)
            {
                yield return result;
            }
        }
    }

    /// <summary>"; did you mean X?" for the names that <paramref name="typed"/> resembles, or nothing.</summary>
    private static string Suggestion(string typed, IEnumerable<string> names)
    {
        string[] resembling = Resemblance.Closest(typed, names);
        return resembling.Length == 0 ? "" : $"; did you mean {Listed.Or(resembling)}?";
    }

    /// <summary>
    /// "convert has no", "data stats has no" for a command as typed after <c>rollnet</c>; plain "no" for <c>rollnet</c>
    /// itself, which the line already names.
    /// </summary>
    private static string HasNo(CommandResult command) => command.Parent is null ? "no" : $"{Subject(command)} has no";

    private static string Subject(CommandResult command) => command.Parent is CommandResult { Parent: not null } parent
        ? $"{Subject(parent)} {command.Command.Name}"
        : command.Command.Name;

    private static string Name(Argument argument) => $"<{argument.Name}>";

    /// <summary>
    /// The parser's message for a value that does not convert, which names the .NET type it expected ("Cannot parse
    /// argument 'abc' for option '--seed' as expected type 'System.UInt64'."), in the words of the option's help (for
    /// an option of <paramref name="valueType"/> an enum, its names, as <see cref="OptionRules.Named"/> gives them), and
    /// an option given no value or more than one, and a file of arguments that is not there; any other message as it is.
    /// </summary>
    private static string Plain(string message, Type? valueType)
    {
        if (ValueMissing().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["option"].Value} needs a value";
        }

        if (ResponseFileMissing().Match(message) is { Success: true } response)
        {
            return $"{response.Groups["file"].Value}: no such file (an argument that begins with @ names a file of arguments)";
        }

        if (Repeated().Match(message) is { Success: true } repeated)
        {
            return $"{repeated.Groups["option"].Value} takes one value, not {repeated.Groups["count"].Value}";
        }

        Match match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        string type = match.Groups["type"].Value;
        Type? enumType = valueType is null ? null : Nullable.GetUnderlyingType(valueType) ?? valueType;
        string kind = type switch
        {
            // Every enum here has a few names: all of them, rather than the ones a guess finds near (gpu is nearer cpu than cuda).
            _ when enumType is { IsEnum: true } => Listed.Or(Enum.GetNames(enumType)),
            _ when type.Contains("System.UInt", StringComparison.Ordinal) => "a whole number of 0 or more",
            _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("System.Single", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number",
            _ => "one of its values",
        };

        return $"{match.Groups["option"].Value} must be {kind}, not '{match.Groups["value"].Value}'";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']+)'$")]
    private static partial Regex ValueMissing();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' expects a single argument but (?<count>\d+) were provided$")]
    private static partial Regex Repeated();

    [GeneratedRegex(@"^Response file not found '(?<file>.*)'$")]
    private static partial Regex ResponseFileMissing();
}
