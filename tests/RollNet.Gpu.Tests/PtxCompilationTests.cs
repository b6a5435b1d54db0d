using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using RollNet.Gpu.Kernels;
using Xunit;

namespace RollNet.Gpu.Tests;

/// <summary>Every kernel compiles to PTX for the data-centre GPUs, here, without a GPU or the CUDA driver.</summary>
public sealed class PtxCompilationTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(90)]
    public void EveryKernelCompilesToPtxForTheArchitecture(int architecture)
    {
        IReadOnlyList<PtxKernel> kernels = PtxCompiler.Compile(architecture);

        Assert.Equal(KernelCatalog.All.Select(k => k.Name), kernels.Select(k => k.Name));
        Assert.All(kernels, kernel =>
        {
            // ILGPU targets the lowest architecture with the capabilities the kernels use, which the driver then
            // compiles for the GPU at hand.
            Match target = Regex.Match(kernel.Assembly, @"^\.target sm_(\d+)$", RegexOptions.Multiline);
            Assert.True(target.Success && int.Parse(target.Groups[1].Value, CultureInfo.InvariantCulture) <= architecture, kernel.Name);
            Assert.Contains(".entry ", kernel.Assembly, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void SgemmReadsFourFloatsAtATimeAndKeepsItsBlockOfCInRegisters()
    {
        string ptx = PtxCompiler.Compile(90).Single(k => k.Name == "SgemmKernel.Multiply").Assembly;

        Assert.Matches(@"\bld(\.global)?\.v4\.f32\b", ptx);
        Assert.Contains("ld.shared.v4.f32", ptx, StringComparison.Ordinal);
        Assert.Contains("st.shared.v4.f32", ptx, StringComparison.Ordinal);

        // Local memory would mean the 64 accumulators spilled out of registers.
        Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogHoldsEveryKernelTheBackendLoads()
    {
        using Context context = Context.Create(builder => builder.CPU(CPUDeviceKind.Nvidia).EnableAlgorithms());
        using Accelerator accelerator = context.GetCPUDevice(0).CreateAccelerator(context);
        var kernels = new KernelSet(accelerator);

        // Loaded by name: every catalogued kernel and nothing else.
        Assert.Equal(KernelCatalog.All.Select(k => k.Name).Order(StringComparer.Ordinal),
            kernels.Launchers.Keys.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Order(StringComparer.Ordinal));

        // By signature: a launcher takes the kernel's parameters, after a KernelConfig when the kernel groups itself.
        Assert.All(KernelCatalog.All, kernel =>
        {
            Type[] launcher =
            [
                .. kernels.Launchers[kernel.Method].GetType().GetMethod(nameof(Action.Invoke))!.GetParameters()
                    .Select(p => p.ParameterType),
            ];
            Type[] expected =
            [
                .. kernel.ExplicitlyGrouped ? [typeof(KernelConfig)] : Array.Empty<Type>(),
                .. kernel.Method.GetParameters().Select(p => p.ParameterType),
            ];
            Assert.True(expected.SequenceEqual(launcher), $"{kernel.Name}: ({string.Join(", ", launcher.Select(t => t.Name))})");
        });

        // Each property of the set is one of those launchers, and each launcher is some property.
        Delegate[] properties =
        [
            .. typeof(KernelSet).GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => typeof(Delegate).IsAssignableFrom(p.PropertyType))
                .Select(p => (Delegate)p.GetValue(kernels)!),
        ];
        Assert.Equal(kernels.Launchers.Count, properties.Distinct().Count());
        Assert.All(properties, launcher => Assert.Contains(launcher, kernels.Launchers.Values));
    }

    [Fact]
    public void AnArchitectureOutsideTheListIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PtxCompiler.Compile(75));
}
