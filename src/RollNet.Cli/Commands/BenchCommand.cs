using System.CommandLine;
using System.Runtime.Intrinsics;
using RollNet.Compute;
using RollNet.Diagnostics;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet bench</c>: quick performance figures, one <c>name value unit</c> per line.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<int> threads = CommonOptions.Threads();
        Option<DeviceChoice> device = CommonOptions.Device();
        var command = new Command("bench", "Measure FMA peak, SGEMM, training and generation speed with either head (about a minute)")
        {
            threads, device,
        };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            int n = parse.GetValue(threads);
            using Backend backend = BackendFactory.Create(parse.GetValue(device), n);
            string vector = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "scalar";
            stderr.WriteLine($"# {backend.Name} backend; host: {n} threads, {vector}, {Environment.ProcessorCount} cores");
            QuickBenchmark.Run(backend, n, figure => stdout.WriteLine(figure));
            return 0;
        }));
        return command;
    }
}
