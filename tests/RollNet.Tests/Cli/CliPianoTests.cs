using System.Net;
using System.Net.Sockets;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary><c>rollnet piano</c> refuses what it cannot serve in one line (the server itself is tested in RollNet.Piano.Tests).</summary>
public sealed class CliPianoTests
{
    [Fact]
    public void AMissingModelIsOneLine()
    {
        CliResult result = Cli.Run("piano", "--model", "no-such.rollnet", "--port", "0", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("rollnet: no-such.rollnet: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void APortInUseIsOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        CliResult result = Cli.Run("piano", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("; choose another with --port, or --port 0 for any free one", result.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ANegativePortIsRefused()
    {
        CliResult result = Cli.Run("piano", "--port", "-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--port must be at least 0", result.Error, StringComparison.Ordinal);
    }
}
