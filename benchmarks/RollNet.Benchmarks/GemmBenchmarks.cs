using BenchmarkDotNet.Attributes;
using RollNet.Compute;

namespace RollNet.Benchmarks;

/// <summary>The seam's matrix multiply on each device, so one table shows their ratio.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private Backend _backend = null!;
    private DeviceBuffer _a = null!, _b = null!, _c = null!;
    private int _m, _n, _k;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    [Params("1023x1025x1023", "1024x1024x1024", "4096x4096x4096")]
    public string Shape { get; set; } = "";

    public static IEnumerable<string> Devices() => BenchmarkDevices.Available();

    [GlobalSetup]
    public void Setup()
    {
        int[] dims = [.. Shape.Split('x').Select(int.Parse)];
        (_m, _n, _k) = (dims[0], dims[1], dims[2]);
        _backend = BenchmarkDevices.Create(Device);
        _a = _backend.Allocate(_m * _k);
        _b = _backend.Allocate(_k * _n);
        _c = _backend.Allocate(_m * _n);
        _backend.Fill(_a.All, 0.5f);
        _backend.Fill(_b.All, -0.25f);
    }

    [Benchmark]
    public void Multiply()
    {
        _backend.Gemm(false, false, _m, _n, _k, 1, _a.All, _k, _b.All, _n, 0, _c.All, _n);
        _backend.Synchronize();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
        _c.Dispose();
        _backend.Dispose();
    }
}
