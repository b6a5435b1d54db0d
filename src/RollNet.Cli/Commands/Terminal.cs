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
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
    }
}
