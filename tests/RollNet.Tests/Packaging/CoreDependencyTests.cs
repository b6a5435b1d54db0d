using RollNet.Data;
using RollNet.Rendering;
using Xunit;

namespace RollNet.Tests.Packaging;

/// <summary>The library that trains and samples carries no graphics: pictures live in RollNet.Rendering.</summary>
public sealed class CoreDependencyTests
{
    internal static readonly string[] Graphics = ["ScottPlot", "SkiaSharp", "HarfBuzzSharp"];

    [Fact]
    public void TheCoreAssemblyReferencesNoGraphicsLibrary()
    {
        string[] references = [.. typeof(PianoRoll).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.Contains("System.Numerics.Tensors", references);
        Assert.DoesNotContain(references, name => Graphics.Any(g => name.StartsWith(g, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TheRenderingAssemblyIsWhereTheGraphicsAre()
    {
        string[] references = [.. typeof(PianoRollImage).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.Contains("RollNet.Core", references);
        Assert.Contains("SkiaSharp", references);
        Assert.Contains("ScottPlot", references);
    }
}
