using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>Asserts that two models predict a batch exactly alike: the same loss and the same log-odds, bit for bit.</summary>
internal static class SamePredictions
{
    public static void Assert(RollModel expected, RollModel actual, SequenceBatch batch)
    {
        using var expectedRunner = new InferenceRunner(expected);
        using var actualRunner = new InferenceRunner(actual);

        Xunit.Assert.Equal(expectedRunner.Evaluate(batch), actualRunner.Evaluate(batch));
        Xunit.Assert.Equal(Bits(expectedRunner.LogOdds(0.4)), Bits(actualRunner.LogOdds(0.4)));
    }

    private static int[] Bits(ReadOnlySpan<float> values) => [.. values.ToArray().Select(BitConverter.SingleToInt32Bits)];
}
