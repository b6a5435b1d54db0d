using System.Diagnostics;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Diagnostics;

/// <summary>
/// The quick figures of <c>rollnet bench</c>: the machine's FMA peak, SGEMM at two shapes, training throughput at
/// the paper's shape and at hidden 256 with either head, inference over whole sequences, and step-by-step generation
/// with either head. Each figure is the median of timed runs after a warm-up run.
/// </summary>
internal static class QuickBenchmark
{
    /// <summary>The paper's training shape: 32 sequences of 128 steps.</summary>
    internal const int Batch = 32, Steps = 128;

    /// <summary>The paper's network with the NADE head in place of the sigmoid layer.</summary>
    private static readonly ModelConfig Nade = ModelConfig.Paper with { Head = HeadCatalog.Find("nade")! };

    /// <summary>Every figure: its name, its unit and how it is measured with a backend on a number of threads.</summary>
    private static readonly (string Name, string Unit, Func<Backend, int, double> Measure)[] Figures =
    [
        ("fma_peak_gflops", "GFLOP/s", (_, threads) => FmaPeakProbe.Measure(threads)),
        ("sgemm_1024_gflops", "GFLOP/s", (backend, _) => SgemmGflops(backend, 1024, 1024, 1024)),
        ("sgemm_recurrent_gflops", "GFLOP/s", (backend, _) => RecurrentGflops(backend, 1024)),
        ("train_h1024_frames_per_s", "frames/s", (backend, _) => TrainingFramesPerSecond(backend, ModelConfig.Paper)),
        ("train_h256_frames_per_s", "frames/s",
            (backend, _) => TrainingFramesPerSecond(backend, ModelConfig.Paper with { HiddenSize = 256 })),
        ("train_h1024_nade_frames_per_s", "frames/s", (backend, _) => TrainingFramesPerSecond(backend, Nade)),
        ("train_h256_nade_frames_per_s", "frames/s",
            (backend, _) => TrainingFramesPerSecond(backend, Nade with { HiddenSize = 256 })),
        ("infer_h1024_frames_per_s", "frames/s", (backend, _) => InferenceFramesPerSecond(backend, ModelConfig.Paper)),
        ("generate_h1024_steps_per_s", "steps/s",
            (backend, _) => GenerationStepsPerSecond(backend, ModelConfig.Paper, MatrixPrecision.Float32)),
        ("generate_h1024_bf16_steps_per_s", "steps/s",
            (backend, _) => GenerationStepsPerSecond(backend, ModelConfig.Paper, MatrixPrecision.BFloat16)),
        ("generate_h256_steps_per_s", "steps/s",
            (backend, _) => GenerationStepsPerSecond(backend, ModelConfig.Paper with { HiddenSize = 256 }, MatrixPrecision.Float32)),
        ("generate_h1024_nade_steps_per_s", "steps/s",
            (backend, _) => GenerationStepsPerSecond(backend, Nade, MatrixPrecision.Float32)),
        ("generate_h256_nade_steps_per_s", "steps/s",
            (backend, _) => GenerationStepsPerSecond(backend, Nade with { HiddenSize = 256 }, MatrixPrecision.Float32)),
    ];

    /// <summary>The names of the figures, in the order <see cref="Run"/> measures them.</summary>
    public static IReadOnlyList<string> FigureNames { get; } = [.. Figures.Select(figure => figure.Name)];

    /// <summary>
    /// Runs the measurements on <paramref name="backend"/>, reporting each figure as soon as it exists: all of them,
    /// or only those named in <paramref name="figures"/> (in the order of <see cref="FigureNames"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="figures"/> names a figure not in <see cref="FigureNames"/>.</exception>
    public static void Run(Backend backend, int threads, Action<BenchmarkFigure> report, IReadOnlyCollection<string>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(report);
        string? unknown = figures?.FirstOrDefault(name => !FigureNames.Contains(name));
        if (unknown is not null)
        {
            throw new ArgumentException($"no figure is named '{unknown}'; the figures are {string.Join(", ", FigureNames)}", nameof(figures));
        }

        foreach ((string name, string unit, Func<Backend, int, double> measure) in Figures)
        {
            if (figures is null || figures.Contains(name))
            {
                report(new BenchmarkFigure(name, measure(backend, threads), unit));
            }
        }
    }

    /// <summary>C = A·B for an m×k A and a k×n B.</summary>
    internal static double SgemmGflops(Backend backend, int m, int n, int k)
    {
        using DeviceBuffer a = backend.Allocate(m * k), b = backend.Allocate(k * n), c = backend.Allocate(m * n);
        backend.Upload(RandomValues(m * k, 1), a.All);
        backend.Upload(RandomValues(k * n, 2), b.All);
        double seconds = MedianSeconds(backend,
            () => backend.Gemm(false, false, m, n, k, 1, a.All, k, b.All, n, 0, c.All, n),
            TimeSpan.FromSeconds(1), minimumRuns: 5);
        return 2.0 * m * n * k / seconds / 1e9;
    }

    /// <summary>
    /// The recurrent step of training as the LSTM runs it: h (32×H) times Uᵀ with U (4H×H) packed once per pass.
    /// </summary>
    internal static double RecurrentGflops(Backend backend, int hidden)
    {
        int n = 4 * hidden;
        using DeviceBuffer h = backend.Allocate(Batch * hidden), u = backend.Allocate(n * hidden), c = backend.Allocate(Batch * n);
        backend.Upload(RandomValues(Batch * hidden, 1), h.All);
        backend.Upload(RandomValues(n * hidden, 2), u.All);
        using PackedMatrix packed = backend.AllocatePacked(hidden, n);
        backend.Pack(true, u.All, hidden, packed);
        double seconds = MedianSeconds(backend, () => backend.Gemm(false, Batch, 1, h.All, hidden, packed, 0, c.All, n),
            TimeSpan.FromSeconds(1), minimumRuns: 5);
        return 2.0 * Batch * n * hidden / seconds / 1e9;
    }

    /// <summary>Forward, backward and Adam with dropout on, for 32 random sequences of 128 steps.</summary>
    internal static double TrainingFramesPerSecond(Backend backend, ModelConfig config)
    {
        using var model = new RollModel(backend, config, seed: 1);
        using var trainer = new Trainer(model, new TrainerOptions());
        SequenceBatch batch = RandomBatch(Batch, Steps);
        double seconds = MedianSeconds(backend, () => trainer.TrainBatch(batch), TimeSpan.FromSeconds(4), minimumRuns: 3);
        return batch.Frames / seconds;
    }

    /// <summary>The model run over 32 random sequences of 128 steps from a zero state, as <c>rollnet eval</c> runs it.</summary>
    internal static double InferenceFramesPerSecond(Backend backend, ModelConfig config)
    {
        using var model = new RollModel(backend, config, seed: 1);
        using var runner = new InferenceRunner(model);
        SequenceBatch batch = RandomBatch(Batch, Steps);
        double seconds = MedianSeconds(backend, () => runner.Evaluate(batch), TimeSpan.FromSeconds(3), minimumRuns: 3);
        return batch.Frames / seconds;
    }

    /// <summary>One sequence, one step at a time, sampling each frame and feeding it back.</summary>
    internal static double GenerationStepsPerSecond(Backend backend, ModelConfig config, MatrixPrecision precision)
    {
        const int steps = 64;
        using var model = new RollModel(backend, config, seed: 1);
        using var sampler = new Sampler(model);
        var primer = new PianoRoll(1);
        var options = new SamplingOptions { MaxNotes = 8, Precision = precision };
        double seconds = MedianSeconds(backend, () => sampler.Generate(primer, steps, options), TimeSpan.FromSeconds(3),
            minimumRuns: 3);
        return steps / seconds;
    }

    /// <summary>Random rolls of about four notes per frame, the density of the chorales.</summary>
    internal static SequenceBatch RandomBatch(int batch, int steps)
    {
        var rolls = new List<PianoRoll>();
        for (int b = 0; b < batch; b++)
        {
            var roll = new PianoRoll(steps + 1);
            for (int t = 0; t <= steps; t++)
            {
                for (int key = 0; key < PianoRoll.Keys; key++)
                {
                    roll[t, key] = CounterRandom.Uniform(7, (ulong)b, (ulong)((t * PianoRoll.Keys) + key)) < 4f / PianoRoll.Keys;
                }
            }

            rolls.Add(roll);
        }

        return SequenceBatch.FromRolls(rolls);
    }

    private static float[] RandomValues(int length, ulong stream)
    {
        var values = new float[length];
        for (int j = 0; j < length; j++)
        {
            values[j] = CounterRandom.Uniform(3, stream, (ulong)j) - 0.5f;
        }

        return values;
    }

    private static double MedianSeconds(Backend backend, Action action, TimeSpan budget, int minimumRuns)
    {
        action();
        backend.Synchronize();
        var runs = new List<double>();
        var total = Stopwatch.StartNew();
        while (runs.Count < minimumRuns || total.Elapsed < budget)
        {
            var clock = Stopwatch.StartNew();
            action();
            backend.Synchronize();
            runs.Add(clock.Elapsed.TotalSeconds);
        }

        runs.Sort();
        return runs[runs.Count / 2];
    }
}
