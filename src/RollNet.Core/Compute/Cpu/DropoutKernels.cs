using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute;

/// <summary>
/// Inverted-dropout masks: element j is 0 when <see cref="CounterRandom.Uniform"/>(seed, stream, j) &lt; p, otherwise
/// 1/(1−p). The vector form draws sixteen counters at a time and gives the same mask as the scalar twin.
/// </summary>
internal static class DropoutKernels
{
    /// <summary>Fills <paramref name="mask"/> with the elements first, first+1, … of the stream's mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        ulong key = CounterRandom.Key(seed, stream);
        float keep = 1 / (1 - dropProbability);

        // Uniform() is x·2⁻²⁴ for the top 24 bits x, so "uniform < p" is exactly "x < ⌈p·2²⁴⌉".
        ulong threshold = (ulong)Math.Ceiling(dropProbability * 16777216.0);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            var limit = Vector512.Create(threshold);
            var kept = Vector512.Create(keep);
            for (; j <= mask.Length - 16; j += 16)
            {
                Vector512<ulong> n = Vector512.Create((ulong)(first + j)) + lanes;
                Vector512<ulong> low = Vector512.LessThan(Top24(key, n), limit);
                Vector512<ulong> high = Vector512.LessThan(Top24(key, n + Vector512.Create(8UL)), limit);
                Vector512<float> drop = Vector512.Narrow(low, high).AsSingle();
                Vector512.ConditionalSelect(drop, Vector512<float>.Zero, kept).CopyTo(mask[j..]);
            }
        }

        FillScalar(mask[j..], dropProbability, seed, stream, first + j);
    }

    /// <summary>The scalar twin of <see cref="Fill"/>, and its tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillScalar(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        float keep = 1 / (1 - dropProbability);
        for (int j = 0; j < mask.Length; j++)
        {
            mask[j] = CounterRandom.Uniform(seed, stream, (ulong)(first + j)) < dropProbability ? 0 : keep;
        }
    }

    private static Vector512<ulong> Top24(ulong key, Vector512<ulong> n) =>
        Vector512.ShiftRightLogical(CounterRandom.KeyedBits(key, n), 40);
}
