using BenchmarkDotNet.Attributes;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Diagnostics;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Benchmarks;

/// <summary>
/// One training step (forward, backward, Adam, dropout on) on 32 sequences of 128 steps, 88→H→H→ either head, on
/// each device. The memory diagnoser shows what a warm step allocates: nothing on the CPU.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Backend _backend = null!;
    private RollModel _model = null!;
    private Trainer _trainer = null!;
    private SequenceBatch _batch = null!;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    [Params(256, 1024)]
    public int Hidden { get; set; }

    [Params("sigmoid", "nade")]
    public string Head { get; set; } = "sigmoid";

    public static IEnumerable<string> Devices() => BenchmarkDevices.Available();

    [GlobalSetup]
    public void Setup()
    {
        _backend = BenchmarkDevices.Create(Device);
        _model = new RollModel(_backend, ModelConfig.Paper with { HiddenSize = Hidden, Head = HeadCatalog.Find(Head)! }, seed: 1);
        _trainer = new Trainer(_model, new TrainerOptions());
        _batch = QuickBenchmark.RandomBatch(QuickBenchmark.Batch, QuickBenchmark.Steps);
        _trainer.TrainBatch(_batch);
    }

    [Benchmark]
    public double TrainStep() => _trainer.TrainBatch(_batch).LossSum;

    [GlobalCleanup]
    public void Cleanup()
    {
        _trainer.Dispose();
        _model.Dispose();
        _backend.Dispose();
    }
}
