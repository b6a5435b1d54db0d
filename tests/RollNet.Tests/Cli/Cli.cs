using System.CommandLine;
using RollNet.Cli;

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
}
