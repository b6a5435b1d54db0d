using Spectre.Console;

namespace RollNet.Cli.Commands;

/// <summary>Spectre.Console over a command's output: live and coloured on a terminal, plain text anywhere else.</summary>
internal static class Terminal
{
    /// <summary>Whether <paramref name="output"/> is the real console on a terminal, where progress bars can redraw.</summary>
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole For(TextWriter output)
    {
        bool interactive = IsInteractive(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!interactive)
        {
            // A file or a pipe has no width: Spectre would break every line at 80 columns, a long path mid-word.
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    // Wider than any line RollNet writes, narrow enough that a table's layout stays cheap.
    private const int UnwrappedWidth = 4096;
}
