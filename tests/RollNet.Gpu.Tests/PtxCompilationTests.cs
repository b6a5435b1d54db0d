using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
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
        int loaded = typeof(KernelSet).GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Count(p => typeof(Delegate).IsAssignableFrom(p.PropertyType));

        Assert.Equal(loaded, KernelCatalog.All.Count);
    }

    [Fact]
    public void AnArchitectureOutsideTheListIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PtxCompiler.Compile(75));
}
