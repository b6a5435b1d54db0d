using System.CommandLine;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary>Runs a command's work and turns every problem with the user's input into one line on stderr.</summary>
internal static class CommandAction
{
    /// <summary>
    /// Runs <paramref name="action"/>. A file that cannot be read or written (<see cref="IOException"/>, which
    /// includes the dataset and checkpoint errors), a value out of range (<see cref="ArgumentException"/>), or a device
    /// that is absent or out of memory prints <c>rollnet: message</c> and exits 1; other exceptions are bugs and keep
    /// their stack trace.
    /// </summary>
    public static int Run(ParseResult parse, Func<TextWriter, TextWriter, int> action)
    {
        TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
        try
        {
            return action(output, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or DeviceUnavailableException or InsufficientMemoryException)
        {
            error.WriteLine($"rollnet: {OneLine(e)}");
            return 1;
        }
    }

    // ArgumentException appends the parameter's name, and its out-of-range kind the value on a second line.
    private static string OneLine(Exception e)
    {
        string message = e is ArgumentException { ParamName: { } name }
            ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
