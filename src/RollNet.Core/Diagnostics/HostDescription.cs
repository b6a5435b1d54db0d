using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RollNet.Diagnostics;

/// <summary>The machine a figure was measured on, as the benchmarks' headers record it beside the figures.</summary>
internal static class HostDescription
{
    /// <summary>
    /// The processor as Linux names it, with its family and model where it gives them ("AMD EPYC, family 25 model 17":
    /// a virtual machine's name alone does not tell one generation from the next); elsewhere the architecture.
    /// </summary>
    public static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        // The first processor's lines, up to the blank line that ends them.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(cpuInfo).TakeWhile(line => line.Length > 0))
        {
            string[] parts = line.Split(':', 2);
            if (parts.Length == 2)
            {
                fields.TryAdd(parts[0].Trim(), parts[1].Trim());
            }
        }

        string name = fields.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        return fields.TryGetValue("cpu family", out string? family) && fields.TryGetValue("model", out string? model)
            ? $"{name}, family {family} model {model}"
            : name;
    }

    /// <summary>The widest vectors .NET accelerates here: what the CPU backend's kernels run on.</summary>
    public static string Vectors() =>
        Vector512.IsHardwareAccelerated ? "Vector512"
        : Vector256.IsHardwareAccelerated ? "Vector256"
        : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
}
