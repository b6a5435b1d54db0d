using BenchmarkDotNet.Attributes;
using RollNet.Compute;
using RollNet.Layers;

namespace RollNet.Benchmarks;

/// <summary>
/// One LSTM time step at the paper's shape (32 sequences, 1024 inputs and units), forward and backward, on each
/// device: the input and recurrent products, the fused gates, and the gradients of W, U and b.
/// </summary>
[MemoryDiagnoser]
public class LstmStepBenchmarks
{
    private const int Batch = 32, Hidden = 1024, Gates = 4 * Hidden;

    private Backend _backend = null!;
    private DeviceBuffer _weights = null!, _gradients = null!, _input = null!, _dOutput = null!, _dInput = null!;
    private LstmLayer _layer = null!;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    public static IEnumerable<string> Devices() => BenchmarkDevices.Available();

    [GlobalSetup]
    public void Setup()
    {
        _backend = BenchmarkDevices.Create(Device);
        int w = Gates * Hidden, u = Gates * Hidden;
        _weights = _backend.Allocate(w + u + Gates);
        _gradients = _backend.Allocate(w + u + Gates);
        _backend.Fill(_weights.All, 0.01f);
        _input = _backend.Allocate(Batch * Hidden);
        _dOutput = _backend.Allocate(Batch * Hidden);
        _dInput = _backend.Allocate(Batch * Hidden);
        _backend.Fill(_input.All, 0.5f);
        _backend.Fill(_dOutput.All, 0.1f);
        _layer = new LstmLayer(_backend, Hidden, Hidden, _weights.Slice(0, w), _weights.Slice(w, u),
            _weights.Slice(w + u, Gates), _gradients.Slice(0, w), _gradients.Slice(w, u), _gradients.Slice(w + u, Gates));
    }

    [Benchmark]
    public void ForwardAndBackward()
    {
        _layer.Forward(_input.All, 1, Batch);
        _layer.Backward(_dOutput.All, _dInput.All);
        _backend.Synchronize();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _layer.Dispose();
        foreach (DeviceBuffer buffer in new[] { _weights, _gradients, _input, _dOutput, _dInput })
        {
            buffer.Dispose();
        }

        _backend.Dispose();
    }
}
