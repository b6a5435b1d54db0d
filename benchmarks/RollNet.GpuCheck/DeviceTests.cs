using RollNet.Gpu.Tests;

namespace RollNet.GpuCheck;

/// <summary>
/// The GPU tests of one device without a test runner: the test classes of RollNet.Gpu.Tests whose names start with
/// the device's name (CudaKernelTests, SimulatorKernelTests, ...), as <c>dotnet test --filter</c> selects them. Every
/// fact and every row of every theory runs on a fresh instance of its class, and each device fixture is made once and
/// shared, as the classes' collection shares it under xunit. One line per test, then "N passed, N failed, N skipped".
/// </summary>
internal static class DeviceTests
{
    /// <summary>The first word of the names of a device's test classes, or null for a device without them.</summary>
    public static string? Prefix(string device) => device switch
    {
        "cuda" => "Cuda",
        "simulator" => "Simulator",
        _ => null,
    };

    /// <summary>Runs the tests of the classes named <paramref name="prefix"/>...; returns 1 if any failed, else 0.</summary>
    public static int Run(string prefix, TextWriter output)
    {
        TestCase[] cases =
        [
            .. typeof(DeviceFixture).Assembly.GetExportedTypes()
                .Where(type => !type.IsAbstract && type.Name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(type => type.Name, StringComparer.Ordinal)
                .SelectMany(TestCase.Of),
        ];
        var fixtures = new Dictionary<Type, object>();
        int passed = 0, failed = 0, skipped = 0;
        try
        {
            foreach (TestCase test in cases)
            {
                TestResult result = test.Run(fixtures);
                output.WriteLine(result.Message is null ? $"{result.Outcome,-8}{test}" : $"{result.Outcome,-8}{test}: {result.Message}");
                switch (result.Outcome)
                {
                    case TestOutcome.Passed: passed++; break;
                    case TestOutcome.Failed: failed++; break;
                    default: skipped++; break;
                }
            }
        }
        finally
        {
            foreach (IDisposable fixture in fixtures.Values.OfType<IDisposable>())
            {
                fixture.Dispose();
            }
        }

        output.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }
}
