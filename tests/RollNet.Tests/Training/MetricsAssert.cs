using Xunit;

namespace RollNet.Tests.Training;

/// <summary>Comparisons of metrics.csv files written by two runs.</summary>
internal static class MetricsAssert
{
    /// <summary>The two files hold the same records, but for the wall time of each epoch (the last column).</summary>
    public static void SameRecords(string expected, string actual)
    {
        static IEnumerable<string> WithoutSeconds(string path) =>
            File.ReadAllLines(path).Select(line => line[..line.LastIndexOf(',')]);

        Assert.Equal(WithoutSeconds(expected), WithoutSeconds(actual));
    }
}
