namespace RollNet.Tests.Cli;

/// <summary>What a <c>rollnet</c> command printed and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
