using RollNet.Compute.Cpu;
using Xunit;

namespace RollNet.Tests.Compute;

/// <summary>The CPU's fused LSTM cell forward gives the bits of the TensorPrimitives passes it replaced.</summary>
public class LstmCellKernelsTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(1024)] // the paper's width
    [InlineData(12)] // not a multiple of eight: the passes themselves
    public void FusedForwardGivesTheBitsOfTheTensorPrimitivesPasses(int hidden)
    {
        var random = new Random(hidden);
        float[] gates = new float[4 * hidden], cellPrevious = new float[hidden];
        for (int j = 0; j < gates.Length; j++)
        {
            // Mostly where the gates live, with some far out where e^x overflows or underflows.
            gates[j] = (float)((random.NextDouble() - 0.5) * (j % 7 == 0 ? 300 : 10));
        }

        float[] extremes =
            [0f, -0f, 1e-30f, -1e-30f, 88.8f, -88.8f, 104f, -104f, 9.01f, -9.01f, float.MaxValue, float.MinValue];
        extremes.AsSpan(0, Math.Min(extremes.Length, gates.Length / 2)).CopyTo(gates.AsSpan(hidden / 2));
        for (int j = 0; j < hidden; j++)
        {
            cellPrevious[j] = (float)((random.NextDouble() - 0.5) * 8);
        }

        float[] fusedGates = (float[])gates.Clone(), passGates = (float[])gates.Clone();
        float[] fused = new float[3 * hidden], passes = new float[3 * hidden];
        LstmCellKernels.Forward(fusedGates, cellPrevious, fused.AsSpan(0, hidden), fused.AsSpan(hidden, hidden),
            fused.AsSpan(2 * hidden, hidden));
        LstmCellKernels.ForwardByPasses(passGates, cellPrevious, passes.AsSpan(0, hidden),
            passes.AsSpan(hidden, hidden), passes.AsSpan(2 * hidden, hidden));

        Assert.Equal(Bits(passGates), Bits(fusedGates));
        Assert.Equal(Bits(passes), Bits(fused));
        Assert.Contains(fusedGates, g => g == 1f); // the far-out gates reached the saturated ends
        Assert.Contains(fusedGates, g => g == 0f);
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
