using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using RollNet.Compute;
using RollNet.Compute.Cpu;

namespace RollNet.Benchmarks;

[MemoryDiagnoser]
public unsafe class SgemmBenchmarks
{
    private WorkerPool _pool = null!;
    private float* _a;
    private float* _b;
    private float* _c;
    private int _m, _n, _k;
    private bool _transA, _transB;
    private SgemmPackedB? _packedB;

    [Params(
        "1024x1024x1024",
        "32x4096x1024 recurrent (transB)",
        "32x4096x1024 recurrent (transB, packed)",
        "32x1024x4096 recurrent backward (packed)",
        "4096x1024x4096 weight grad (transA)",
        "4096x1024x4096 back-projection",
        "1023x1025x1023")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] dims = Shape.Split(' ')[0].Split('x');
        (_m, _n, _k) = (int.Parse(dims[0]), int.Parse(dims[1]), int.Parse(dims[2]));
        _transA = Shape.Contains("transA", StringComparison.Ordinal);
        _transB = Shape.Contains("transB", StringComparison.Ordinal);
        _pool = new WorkerPool(Threads);
        _a = Allocate((long)_m * _k);
        _b = Allocate((long)_k * _n);
        _c = Allocate((long)_m * _n);
        if (Shape.Contains("packed", StringComparison.Ordinal))
        {
            _packedB = new SgemmPackedB(_k, _n);
            _packedB.Pack(_transB, _b, _transB ? _k : _n);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_c);
    }

    [Benchmark]
    public void Multiply()
    {
        if (_packedB is null)
        {
            Sgemm.Multiply(_pool, _transA, _transB, _m, _n, _k, 1f, _a, _transA ? _m : _k, _b, _transB ? _k : _n, 0f, _c, _n);
        }
        else
        {
            Sgemm.Multiply(_pool, _transA, _m, 1f, _a, _transA ? _m : _k, _packedB, 0f, _c, _n);
        }
    }

    private static float* Allocate(long count)
    {
        var data = (float*)NativeMemory.AlignedAlloc((nuint)(count * sizeof(float)), 64);
        var random = new Random(42);
        for (long i = 0; i < count; i++)
        {
            data[i] = (float)(random.NextDouble() - 0.5);
        }
        return data;
    }
}
