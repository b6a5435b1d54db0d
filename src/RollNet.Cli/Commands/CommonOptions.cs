using System.CommandLine;
using RollNet.Compute;
using RollNet.Gpu;

namespace RollNet.Cli.Commands;

/// <summary>Options that several commands share, made fresh for each (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "Threads to use (default: every core)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.AtLeast(1);

    public static Option<DeviceChoice> Device() => new("--device")
    {
        Description = "Where to compute: Auto (CUDA when present, otherwise the CPU), Cpu, Cuda, or Simulator (the GPU kernels on ILGPU's CPU accelerator: very slow, for checking GPU code without a GPU)",
        DefaultValueFactory = _ => DeviceChoice.Auto,
    };

    public static Option<MatrixPrecision> Precision() => new("--precision")
    {
        Description = "Weights while computing: Float32, or BFloat16 (half the memory traffic, for inference)",
        DefaultValueFactory = _ => MatrixPrecision.Float32,
    };

    /// <summary>The checkpoint to run; <see cref="ModelSource.Load"/> falls back to the bundled model without it.</summary>
    public static Option<string?> Model() => new("--model")
    {
        Description = "A checkpoint written by rollnet train (best.rollnet or last.rollnet); default: the bundled model, trained on JSB Chorales",
    };
}
