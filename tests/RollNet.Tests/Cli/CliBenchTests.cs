using System.Globalization;
using RollNet.Diagnostics;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliBenchTests
{
    [Fact]
    public void FiguresMeasuresOnlyTheNamedFigure()
    {
        CliResult result = Cli.Run("bench", "--threads", "1", "--figures", "fma_peak_gflops");
        Assert.True(result.ExitCode == 0, result.ToString());
        string[] fields = Assert.Single(result.Output.TrimEnd().Split('\n')).Split(' ');
        Assert.Equal("fma_peak_gflops", fields[0]);
        Assert.True(double.Parse(fields[1], CultureInfo.InvariantCulture) > 0, result.ToString());
        Assert.Equal("GFLOP/s", fields[2]);

        // The header records the machine with the figures: the processor (its family and model too, where Linux gives
        // them) and the vectors the kernels ran on.
        Assert.Equal($"# cpu backend; host: {HostDescription.Cpu()}, {Environment.ProcessorCount} cores; 1 threads, {HostDescription.Vectors()}",
            result.Error.TrimEnd());
        if (File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").Any(line => line.StartsWith("cpu family", StringComparison.Ordinal)))
        {
            Assert.Matches(@", family \d+ model \d+$", HostDescription.Cpu());
        }
    }

    [Fact]
    public void AnUnknownFigureIsOneLineNamingIt() =>
        Cli.AssertOneLineError(["bench", "--figures", "fma_peak_gflops,train_h2048"], "train_h2048");

    [Fact]
    public void AnEmptyFiguresOptionIsOneLineListingTheFigures() =>
        Cli.AssertOneLineError(["bench", "--figures", ""], "--figures names no figure; the figures are fma_peak_gflops");
}
