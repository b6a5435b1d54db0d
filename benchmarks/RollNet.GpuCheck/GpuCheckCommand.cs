using System.Reflection;

namespace RollNet.GpuCheck;

/// <summary>
/// The bundle's one program: the GPU tests of a device, or the rollnet command, or the BenchmarkDotNet program, each
/// run in this process from its own entry point.
/// </summary>
internal static class GpuCheckCommand
{
    private const string Usage =
        "usage: rollnet-gpu-check tests --device cuda|simulator | rollnet ARGUMENTS | benchmarks ARGUMENTS";

    /// <summary>Runs what <paramref name="args"/> name; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["tests", "--device", string device] when DeviceTests.Prefix(device) is { } prefix:
                return DeviceTests.Run(prefix, output);
            case ["rollnet", .. string[] rest]:
                return RunEntryPoint("rollnet", rest);
            case ["benchmarks", .. string[] rest]:
                return RunEntryPoint("RollNet.Benchmarks", rest);
            case ["-h" or "--help"]:
                output.WriteLine(Usage);
                return 0;
            default:
                error.WriteLine($"rollnet-gpu-check: {Usage}");
                return 2;
        }
    }

    /// <summary>The Main of a program this one references, as its own process would run it.</summary>
    private static int RunEntryPoint(string assemblyName, string[] args)
    {
        MethodInfo main = Assembly.Load(assemblyName).EntryPoint
            ?? throw new InvalidOperationException($"{assemblyName} has no entry point");
        object?[]? parameters = main.GetParameters().Length == 0 ? null : [args];
        object? exitCode = main.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, parameters, culture: null);
        return exitCode as int? ?? Environment.ExitCode;
    }
}
