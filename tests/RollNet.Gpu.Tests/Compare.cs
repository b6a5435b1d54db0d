using Xunit.Sdk;

namespace RollNet.Gpu.Tests;

/// <summary>Element-wise comparison of device results with the CPU backend's, naming the first element that differs.</summary>
internal static class Compare
{
    /// <summary>Asserts |actual − expected| ≤ absolute + relative·|expected| for every element.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double absolute, double relative,
        string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: {actual.Length} elements where {expected.Length} were expected");
        }

        for (int j = 0; j < expected.Length; j++)
        {
            if (!Close(expected[j], actual[j], absolute, relative))
            {
                throw new XunitException($"{what}[{j}]: {actual[j]:R} where the CPU gives {expected[j]:R}");
            }
        }
    }

    public static bool Close(double expected, double actual, double absolute, double relative) =>
        expected.Equals(actual) || Math.Abs(actual - expected) <= absolute + (relative * Math.Abs(expected));
}
