using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Diagnostics;
using RollNet.Generation;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// The RollNet half of each pair: the figure exactly as <c>rollnet bench --figures NAME</c> measures it. In a quick
/// run the model figures are a single timed run of the same work through RollNet's public API instead, since
/// QuickBenchmark's budgets are fixed.
/// </summary>
internal sealed class RollNetSide(int threads, SequenceBatch batch) : IDisposable
{
    private static readonly ModelConfig Nade = ModelConfig.Paper with { Head = new NadeHeadOptions() };

    private readonly CpuBackend _backend = new(threads);

    public static string Version =>
        $"RollNet {typeof(QuickBenchmark).Assembly.GetName().Version?.ToString(3)}";

    /// <summary>The figure in <see cref="FigureShape.Unit"/>.</summary>
    public double Measure(FigureShape shape, bool quick)
    {
        if (!quick || shape.Kind is FigureKind.FmaPeak or FigureKind.SgemmSquare or FigureKind.SgemmRecurrent)
        {
            double value = double.NaN;
            QuickBenchmark.Run(_backend, threads, figure => value = figure.Value, [shape.Name]);
            return value;
        }

        TimingPlan once = TimingPlan.For(shape, quick: true);
        ModelConfig config = Config(shape);
        using var model = new RollModel(_backend, config, seed: 1);
        switch (shape.Kind)
        {
            case FigureKind.Train:
            {
                using var trainer = new Trainer(model, new TrainerOptions());
                return batch.Frames / once.MedianSeconds(() => trainer.TrainBatch(batch));
            }

            case FigureKind.Infer:
            {
                using var runner = new InferenceRunner(model);
                return batch.Frames / once.MedianSeconds(() => runner.Evaluate(batch));
            }

            case FigureKind.Generate:
            {
                using var sampler = new Sampler(model);
                var options = new SamplingOptions
                {
                    MaxNotes = 8, Precision = shape.BFloat16 ? MatrixPrecision.BFloat16 : MatrixPrecision.Float32,
                };
                return FigureCatalog.GenerationSteps
                    / once.MedianSeconds(() => sampler.Generate(new PianoRoll(1), FigureCatalog.GenerationSteps, options));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "not a model figure");
        }
    }

    /// <summary>The untrained model's loss on the batch without dropout, in nats per frame, and its weights.</summary>
    public (double Loss, RollNetWeights Weights) InitialLoss(int hidden, bool nade)
    {
        using var model = new RollModel(_backend, (nade ? Nade : ModelConfig.Paper) with { HiddenSize = hidden }, seed: 1);
        using var runner = new InferenceRunner(model);
        return (runner.Evaluate(batch) / batch.Frames, new RollNetWeights(model.Parameters.Layout, model.Parameters.Download()));
    }

    public void Dispose() => _backend.Dispose();

    private static ModelConfig Config(FigureShape shape) =>
        (shape.Nade ? Nade : ModelConfig.Paper) with { HiddenSize = shape.Hidden };
}
