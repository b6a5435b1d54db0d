using System.Runtime.Intrinsics;
using RollNet.Compute;
using Xunit;

namespace RollNet.Tests.Compute;

public class LogisticTests
{
    private static IEnumerable<float> Arguments()
    {
        for (float x = -100f; x <= 100f; x += 0.0371f)
        {
            yield return x;
        }

        foreach (float x in new[] { 0f, -0f, 1e-30f, -1e-30f, 86.9f, -86.9f, 87f, -87f, 1e6f, -1e6f })
        {
            yield return x;
        }
    }

    [Fact]
    public void IsWithinAMillionthOfTheExactSigmoidAndItsTailsKeepTheirRelativeAccuracy()
    {
        foreach (float x in Arguments())
        {
            double exact = 1 / (1 + Math.Exp(-(double)x));
            float got = Logistic.Sigmoid(x);
            Assert.True(Math.Abs(got - exact) <= 1e-6 * Math.Max(exact, 1e-30) + 1e-38,
                $"σ({x}) = {got}, exactly {exact}");
            Assert.InRange(got, 0f, 1f);
        }
    }

    [Fact]
    public void EveryLaneGivesTheBitsOfTheScalarForm()
    {
        float[] xs = [.. Arguments()];
        for (int start = 0; start + 8 <= xs.Length; start += 8)
        {
            Vector256<float> lanes = Logistic.Sigmoid(Vector256.Create(xs.AsSpan(start, 8)));
            for (int lane = 0; lane < 8; lane++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(Logistic.Sigmoid(xs[start + lane])),
                    BitConverter.SingleToInt32Bits(lanes[lane]));
            }
        }
    }

    [Fact]
    public void SaturatesAtTheEndsAndPassesNaNOn()
    {
        Assert.Equal(1f, Logistic.Sigmoid(1000f));
        Assert.Equal(1f, Logistic.Sigmoid(float.PositiveInfinity));
        Assert.InRange(Logistic.Sigmoid(-1000f), 0f, 1e-37f);
        Assert.InRange(Logistic.Sigmoid(float.NegativeInfinity), 0f, 1e-37f);
        Assert.Equal(0.5f, Logistic.Sigmoid(0f));
        Assert.True(float.IsNaN(Logistic.Sigmoid(float.NaN)));
        Assert.True(float.IsNaN(Logistic.Sigmoid(Vector256.Create(float.NaN))[3]));
    }
}
