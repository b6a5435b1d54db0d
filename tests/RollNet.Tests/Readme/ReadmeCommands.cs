using System.Text.RegularExpressions;

namespace RollNet.Tests.Readme;

/// <summary>The shell commands of README.md's <c>```bash</c> blocks, one per command, as a reader would type them.</summary>
internal static partial class ReadmeCommands
{
    /// <summary>The way the README runs the <c>rollnet</c> command from a checkout, before its arguments.</summary>
    public const string FromCheckout = "dotnet run --project src/RollNet.Cli -c Release -- ";

    /// <summary>Every command in order: lines continued with a backslash joined, comments and blank lines left out.</summary>
    public static IReadOnlyList<string> All()
    {
        string readme = File.ReadAllText(Repository.Path("README.md")).ReplaceLineEndings("\n");
        var commands = new List<string>();
        foreach (Match block in BashBlock().Matches(readme))
        {
            string joined = block.Groups["code"].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            commands.AddRange(joined.Split('\n').Select(StripComment).Where(line => line.Length > 0));
        }

        return commands;
    }

    /// <summary>The README's first command, the main job, exactly as written.</summary>
    public static string First() => All()[0];

    /// <summary>The text block that follows the README's first commands: what the first command prints.</summary>
    public static string FirstOutput()
    {
        string readme = File.ReadAllText(Repository.Path("README.md")).ReplaceLineEndings("\n");
        return TextBlock().Match(readme).Groups["text"].Value;
    }

    /// <summary>
    /// The arguments of a command that runs <c>rollnet</c> (installed, or from the checkout as <see cref="FromCheckout"/>),
    /// split at spaces as the shell would split them (the README quotes nothing there), or null for any other command.
    /// </summary>
    public static string[]? RollnetArguments(string command)
    {
        string? rest = command.StartsWith("rollnet ", StringComparison.Ordinal) ? command["rollnet ".Length..]
            : command.StartsWith(FromCheckout, StringComparison.Ordinal) ? command[FromCheckout.Length..]
            : null;
        return rest?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // A '#' starts a comment where it begins a word.
    private static string StripComment(string line)
    {
        Match comment = Comment().Match(line);
        return (comment.Success ? line[..comment.Index] : line).Trim();
    }

    [GeneratedRegex(@"^```bash\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"^```text\n(?<text>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TextBlock();

    [GeneratedRegex(@"(^|\s)#")]
    private static partial Regex Comment();
}
