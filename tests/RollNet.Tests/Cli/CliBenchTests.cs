using System.Globalization;
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
    }

    [Fact]
    public void AnUnknownFigureIsOneLineNamingIt() =>
        Cli.AssertOneLineError(["bench", "--figures", "fma_peak_gflops,train_h2048"], "train_h2048");

    [Fact]
    public void AnEmptyFiguresOptionIsOneLineListingTheFigures() =>
        Cli.AssertOneLineError(["bench", "--figures", ""], "--figures names no figure; the figures are fma_peak_gflops");
}
