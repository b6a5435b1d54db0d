using System.CommandLine;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary>Options that several commands share, made fresh for each (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public static Option<double> Tempo() => new Option<double>("--tempo")
    {
        Description = "Quarter notes per minute of the MIDI and WAV files",
        DefaultValueFactory = _ => MidiRollWriter.DefaultBeatsPerMinute,
    }.InRange(3.6, 60_000_000);

    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "Threads to use (default: every core)",
        DefaultValueFactory = _ => Math.Min(Environment.ProcessorCount, CpuBackend.MaxThreads),
    }.InRange(1, CpuBackend.MaxThreads + 1);

    public static Option<DeviceChoice> Device() => new Option<DeviceChoice>("--device")
    {
        Description = "Where to compute: Auto (CUDA when present, otherwise the CPU), Cpu, Cuda, or Simulator (the GPU kernels on ILGPU's CPU accelerator: very slow, for checking GPU code without a GPU)",
        DefaultValueFactory = _ => DeviceChoice.Auto,
    }.Named();

    /// <summary>
    /// The backend a command asked for. The simulator gets a line on <paramref name="stderr"/> first, so that nobody
    /// waits on it for work without knowing how slow it is.
    /// </summary>
    public static Backend CreateBackend(DeviceChoice choice, int threads, TextWriter stderr)
    {
        NoteIfSimulator(choice, stderr);
        return BackendFactory.Create(choice, threads);
    }

    /// <summary>Says on <paramref name="stderr"/> how slow the simulator is, when it is the choice.</summary>
    public static void NoteIfSimulator(DeviceChoice choice, TextWriter stderr)
    {
        if (choice == DeviceChoice.Simulator)
        {
            stderr.WriteLine("rollnet: the simulator runs the GPU kernels as .NET code, about ten thousand times slower than --device cpu");
        }
    }

    public static Option<MatrixPrecision> Precision() => new Option<MatrixPrecision>("--precision")
    {
        Description = "Weights while computing: Float32, or BFloat16 (half the memory traffic, for inference)",
        DefaultValueFactory = _ => MatrixPrecision.Float32,
    }.Named();

    /// <summary>The model to run: a bundled one by name, or a checkpoint file (see <see cref="ModelSource"/>).</summary>
    public static Option<string?> Model() => new("--model")
    {
        Description = "chorales (the default: the bundled model trained on JSB Chorales, then on its own continuations of them), "
            + "piano (the bundled model trained on Piano-midi.de, at two steps a quarter note), or a checkpoint written by rollnet "
            + "train (best.rollnet or last.rollnet)",
        HelpName = "chorales|piano|PATH",
    };

    /// <summary>Draw a frame again while it moves into parallel fifths or octaves (<see cref="RollNet.Generation.SamplingOptions.AvoidParallels"/>).</summary>
    public static Option<bool> AvoidParallels() => new("--avoid-parallels")
    {
        Description = "Draw a frame again while it moves into parallel fifths or octaves (outer voices, or any two of four)",
    };
}
