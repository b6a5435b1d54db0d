namespace RollNet.Tests.Cli;

/// <summary>What a command (<c>rollnet</c>, in-process or installed, or <c>dotnet</c>) printed and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
