using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

/// <summary>Assertions on whole datasets.</summary>
internal static class DatasetAssert
{
    /// <summary>Every split of <paramref name="actual"/> holds the rolls of <paramref name="expected"/>'s, in order, key for key.</summary>
    public static void SameRolls(PianoRollDataset expected, PianoRollDataset actual)
    {
        foreach ((IReadOnlyList<PianoRoll> want, IReadOnlyList<PianoRoll> got, string split) in new[]
                 {
                     (expected.Train, actual.Train, "train"), (expected.Valid, actual.Valid, "valid"), (expected.Test, actual.Test, "test"),
                 })
        {
            Assert.Equal(want.Count, got.Count);
            for (int i = 0; i < want.Count; i++)
            {
                Assert.True(want[i].ContentEquals(got[i]), $"sequence {i} of {split} differs");
            }
        }
    }
}
