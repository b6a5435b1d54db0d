using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>What the rows of a dry run of benchmarks/gpu-check.sh hold, whether it ran from the checkout or the bundle.</summary>
internal static class DryRunRows
{
    /// <summary>Asserts the rows of every step: the tests' count, both rollnet bench figures and BenchmarkDotNet's table.</summary>
    public static void AssertComplete(string rows)
    {
        Assert.Matches(@"GPU tests \(Simulator\): [1-9][0-9]* passed\.", rows);
        Assert.Matches(@"\| fma_peak_gflops \| GFLOP/s \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", rows);
        Assert.Matches(@"\| sgemm_recurrent_gflops \| GFLOP/s \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", rows);

        // BenchmarkDotNet's table of the seam's GEMM, one row per shape on the CPU.
        Assert.Matches(@"\| \*\*Multiply\*\* \| \*\*4096x4096x4096\*\* \| \*\*cpu\*\* ", rows);
    }
}
