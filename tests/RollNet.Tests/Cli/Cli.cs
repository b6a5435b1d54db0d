using System.CommandLine;
using RollNet.Cli;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>Runs the <c>rollnet</c> command tree in-process with its output captured.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using StringWriter output = new(), error = new();
        int exitCode = RollNetCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> and asserts a non-zero exit with one error line holding <paramref name="expected"/>.</summary>
    public static void AssertOneLineError(string[] args, string expected)
    {
        CliResult result = Run(args);

        Assert.True(result.ExitCode != 0, result.ToString());
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.StartsWith("rollnet: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    /// <summary>Runs the words of <paramref name="command"/> and asserts exit code 1 with exactly "rollnet: <paramref name="expected"/>" on stderr.</summary>
    public static void AssertExactError(string command, string expected)
    {
        CliResult result = Run(command.Split(' '));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"rollnet: {expected}", result.Error.TrimEnd());
    }
}
