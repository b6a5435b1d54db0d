using RollNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace RollNet.Benchmarks.Peers;

/// <summary>The libtorch half of each pair, float32 on the CPU, written as a PyTorch user would write it.</summary>
internal sealed class LibTorchSide : IDisposable
{
    private const double LearningRate = 1e-3, ClipNorm = 5;

    private readonly Tensor _inputs, _targets;

    /// <summary>Sets libtorch's threads; the first use of TorchSharp, so it must come after the load fix.</summary>
    public LibTorchSide(int threads, SequenceBatch batch)
    {
        torch.set_num_threads(threads);
        torch.set_num_interop_threads(threads);
        long[] shape = [batch.Steps, batch.BatchSize, batch.Keys];
        _inputs = torch.tensor(batch.Inputs, shape);
        _targets = torch.tensor(batch.Targets, shape);
    }

    public static string Version => $"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}";

    public static string ThreadCounts => $"torch.get_num_threads() = {torch.get_num_threads()}, "
        + $"get_num_interop_threads() = {torch.get_num_interop_threads()}";

    /// <summary>The figure in <see cref="FigureShape.Unit"/>.</summary>
    public double Measure(FigureShape shape, TimingPlan plan) => shape.Kind switch
    {
        FigureKind.SgemmSquare => Sgemm(1024, 1024, 1024, plan),
        FigureKind.SgemmRecurrent => Sgemm(FigureCatalog.Batch, 4 * shape.Hidden, shape.Hidden, plan),
        FigureKind.Train => TrainingFramesPerSecond(shape, plan),
        FigureKind.Infer => InferenceFramesPerSecond(shape, plan),
        FigureKind.Generate => GenerationStepsPerSecond(shape, plan),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "libtorch has no counterpart"),
    };

    /// <summary>
    /// The untrained model's loss on the batch without dropout, in nats per frame: with libtorch's own initial weights,
    /// or with <paramref name="weights"/> when given.
    /// </summary>
    public double InitialLoss(int hidden, bool nade, RollNetWeights? weights = null)
    {
        using TorchLstmModel model = NewModel(hidden, nade);
        if (weights is not null)
        {
            model.Load(weights);
        }

        model.Train(false);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return model.Loss(_inputs, _targets).item<float>();
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
    }

    /// <summary>C = A·B with A m×k and B k×n, in GFLOP/s.</summary>
    private static double Sgemm(int m, int n, int k, TimingPlan plan)
    {
        using var inference = torch.inference_mode();
        using Tensor a = torch.randn(m, k), b = torch.randn(k, n);
        double seconds = plan.MedianSeconds(() => torch.mm(a, b).Dispose());
        return 2.0 * m * n * k / seconds / 1e9;
    }

    /// <summary>
    /// One training step: zero_grad, forward with dropout, loss, backward, clipping to a global norm of 5 and Adam,
    /// as RollNet's Trainer does each batch.
    /// </summary>
    private double TrainingFramesPerSecond(FigureShape shape, TimingPlan plan)
    {
        using TorchLstmModel model = NewModel(shape.Hidden, shape.Nade);
        model.Train(true);
        List<TorchSharp.Modules.Parameter> parameters = [.. model.Parameters()];
        using var optimizer = torch.optim.Adam(parameters, lr: LearningRate);
        double seconds = plan.MedianSeconds(() =>
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = model.Loss(_inputs, _targets);
            loss.backward();
            torch.nn.utils.clip_grad_norm_(parameters, ClipNorm);
            optimizer.step();
            _ = loss.item<float>();
        });
        return Frames / seconds;
    }

    /// <summary>The model over the whole batch from a zero state, each key's probability through the sigmoid.</summary>
    private double InferenceFramesPerSecond(FigureShape shape, TimingPlan plan)
    {
        using TorchLstmModel model = NewModel(shape.Hidden, shape.Nade);
        model.Train(false);
        double seconds = plan.MedianSeconds(() =>
        {
            using var inference = torch.inference_mode();
            using var scope = torch.NewDisposeScope();
            _ = model.Head.Probabilities(model.Top(_inputs));
        });
        return Frames / seconds;
    }

    /// <summary>One sequence, one step at a time from a zero state, each drawn frame fed back as the next input.</summary>
    private static double GenerationStepsPerSecond(FigureShape shape, TimingPlan plan)
    {
        using TorchLstmModel model = NewModel(shape.Hidden, shape.Nade);
        model.Train(false);
        double seconds = plan.MedianSeconds(() =>
        {
            using var inference = torch.inference_mode();
            using var run = torch.NewDisposeScope();
            Tensor frame = torch.zeros(1, 1, FigureCatalog.Keys), hidden = model.ZeroState(), cell = model.ZeroState();
            for (int step = 0; step < FigureCatalog.GenerationSteps; step++)
            {
                // Each step's temporaries go at its end, as Python's reference counting would free them.
                using var stepScope = torch.NewDisposeScope();
                (Tensor top, hidden, cell) = model.Step(frame, hidden, cell);
                frame = model.Head.SampleFrame(top);
                frame.MoveToOuterDisposeScope();
                hidden.MoveToOuterDisposeScope();
                cell.MoveToOuterDisposeScope();
            }
        });
        return FigureCatalog.GenerationSteps / seconds;
    }

    private static TorchLstmModel NewModel(int hidden, bool nade)
    {
        torch.manual_seed(1);
        return new TorchLstmModel(hidden, nade);
    }

    private double Frames => _inputs.shape[0] * _inputs.shape[1];
}
