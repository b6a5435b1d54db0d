using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliDeviceTests
{
    [Fact]
    public void DevicesListsWhatIlgpuSees()
    {
        CliResult result = Cli.Run("devices");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("CPUAccelerator", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDeviceIsOneLine()
    {
        CliResult result = Cli.Run("generate", "--model", "m.rollnet", "--out", "s.mid", "--device", "tpu");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tpu", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }
}
