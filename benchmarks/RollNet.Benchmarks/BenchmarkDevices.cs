using RollNet.Compute;
using RollNet.Gpu;

namespace RollNet.Benchmarks;

/// <summary>The devices a benchmark runs on side by side: always the CPU, and CUDA where a CUDA device exists.</summary>
public static class BenchmarkDevices
{
    public static IEnumerable<string> Available()
    {
        yield return "cpu";
        if (BackendFactory.ListDevices().Any(d => d.Kind == "Cuda"))
        {
            yield return "cuda";
        }
    }

    public static Backend Create(string device) =>
        BackendFactory.Create(Enum.Parse<DeviceChoice>(device, ignoreCase: true));
}
