using System.CommandLine;
using System.Runtime.Intrinsics;
using RollNet.Compute;
using RollNet.Diagnostics;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet bench</c>: quick performance figures, one <c>name value unit</c> per line.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<int> threads = CommonOptions.Threads();
        var command = new Command("bench", "Measure FMA peak, SGEMM, training and generation speed (under a minute)")
        {
            threads,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(threads);
            string vector = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "scalar";
            Console.Error.WriteLine($"# cpu backend, {n} threads, {vector}, {Environment.ProcessorCount} cores");
            using var backend = new CpuBackend(n);
            QuickBenchmark.Run(backend, n, figure => Console.WriteLine(figure));
            return 0;
        });
        return command;
    }
}
