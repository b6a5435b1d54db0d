using RollNet.Diagnostics;
using RollNet.Heads;

namespace RollNet.Benchmarks.Peers;

/// <summary>The figures of RollNet's QuickBenchmark that this program pairs, with their shapes.</summary>
internal static class FigureCatalog
{
    /// <summary>Generation runs this many steps per timed run, as RollNet's QuickBenchmark does.</summary>
    public const int GenerationSteps = 64;

    /// <summary>The training and inference shape: 32 sequences of 128 steps.</summary>
    public const int Batch = 32, Steps = 128;

    /// <summary>Hidden units of the NADE head, RollNet's default.</summary>
    public const int NadeHidden = Heads.NadeHeadOptions.DefaultHidden;

    /// <summary>Piano keys: the width of every frame.</summary>
    public const int Keys = Model.ModelConfig.PianoKeys;

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1), ThreeSeconds = TimeSpan.FromSeconds(3),
        FourSeconds = TimeSpan.FromSeconds(4);

    private static readonly FigureShape[] Shapes =
    [
        new("fma_peak_gflops", FigureKind.FmaPeak, 0, false, false, "GFLOP/s", TimeSpan.Zero, 0),
        new("sgemm_1024_gflops", FigureKind.SgemmSquare, 1024, false, false, "GFLOP/s", OneSecond, 5),
        new("sgemm_recurrent_gflops", FigureKind.SgemmRecurrent, 1024, false, false, "GFLOP/s", OneSecond, 5),
        new("train_h1024_frames_per_s", FigureKind.Train, 1024, false, false, "frames/s", FourSeconds, 3),
        new("train_h256_frames_per_s", FigureKind.Train, 256, false, false, "frames/s", FourSeconds, 3),
        new("train_h1024_nade_frames_per_s", FigureKind.Train, 1024, true, false, "frames/s", FourSeconds, 3),
        new("train_h256_nade_frames_per_s", FigureKind.Train, 256, true, false, "frames/s", FourSeconds, 3),
        new("infer_h1024_frames_per_s", FigureKind.Infer, 1024, false, false, "frames/s", ThreeSeconds, 3),
        new("generate_h1024_steps_per_s", FigureKind.Generate, 1024, false, false, "steps/s", ThreeSeconds, 3),
        new("generate_h1024_bf16_steps_per_s", FigureKind.Generate, 1024, false, true, "steps/s", ThreeSeconds, 3),
        new("generate_h256_steps_per_s", FigureKind.Generate, 256, false, false, "steps/s", ThreeSeconds, 3),
        new("generate_h1024_nade_steps_per_s", FigureKind.Generate, 1024, true, false, "steps/s", ThreeSeconds, 3),
        new("generate_h256_nade_steps_per_s", FigureKind.Generate, 256, true, false, "steps/s", ThreeSeconds, 3),
    ];

    /// <summary>The paired figures in the order of RollNet's <see cref="QuickBenchmark.FigureNames"/>.</summary>
    public static IReadOnlyList<FigureShape> All { get; } =
        [.. QuickBenchmark.FigureNames.Select(name => Shapes.FirstOrDefault(shape => shape.Name == name)).OfType<FigureShape>()];

    /// <summary>RollNet figures this program has no shape for (RollNet grew a figure since): reported, not measured.</summary>
    public static IReadOnlyList<string> Unpaired { get; } =
        [.. QuickBenchmark.FigureNames.Where(name => Shapes.All(shape => shape.Name != name))];

    /// <summary>The shapes of <paramref name="names"/>, in RollNet's order; throws on a name that is not a figure.</summary>
    public static IReadOnlyList<FigureShape> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return All;
        }

        string? unknown = names.FirstOrDefault(name => All.All(shape => shape.Name != name));
        if (unknown is not null)
        {
            throw new ArgumentException(
                $"no figure is named '{unknown}'; the figures are {string.Join(", ", All.Select(shape => shape.Name))}");
        }

        return [.. All.Where(shape => names.Contains(shape.Name))];
    }
}
