using RollNet.Compute.Cpu;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>
/// Asserts that a configuration with an optional head tensor lays out, and initialises, every tensor of the one without
/// it first and as before, so that what it adds comes last.
/// </summary>
internal static class LayoutExtension
{
    /// <summary>The layout of <paramref name="with"/>, where its added tensors start, and their initial values.</summary>
    public static (ParameterLayout Layout, int Common, float[] Added) AssertExtends(ModelConfig without, ModelConfig with)
    {
        using var backend = new CpuBackend(1);
        using var withoutModel = new RollModel(backend, without, seed: 4);
        using var withModel = new RollModel(backend, with, seed: 4);
        ParameterLayout layout = withModel.Parameters.Layout, common = withoutModel.Parameters.Layout;
        float[] values = withModel.Parameters.Download();

        Assert.Equal(common.Tensors, layout.Tensors.Take(common.Tensors.Count));
        Assert.Equal(withoutModel.Parameters.Download(), values[..common.Length]);
        return (layout, common.Length, values[common.Length..]);
    }
}
