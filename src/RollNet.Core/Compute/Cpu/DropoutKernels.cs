using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RollNet.Compute.Cpu;

/// <summary>
/// Inverted-dropout masks: element j is 0 when <see cref="CounterRandom.Uniform"/>(seed, stream, j) &lt; p, otherwise
/// 1/(1−p). The vector forms draw sixteen or eight counters at a time and give the same mask as the scalar twin.
/// </summary>
internal static class DropoutKernels
{
    /// <summary>Fills <paramref name="mask"/> with the elements first, first+1, … of the stream's mask.</summary>
    public static void Fill(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            FillVector512(mask, dropProbability, seed, stream, first);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            FillVector256(mask, dropProbability, seed, stream, first);
        }
        else
        {
            FillScalar(mask, dropProbability, seed, stream, first);
        }
    }

    /// <summary><see cref="Fill"/> sixteen elements at a time with Vector512 (emulated where the CPU lacks it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillVector512(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        ulong key = CounterRandom.Key(seed, stream);
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var limit = Vector512.Create(Threshold(dropProbability));
        var kept = Vector512.Create(1 / (1 - dropProbability));
        int j = 0;
        for (; j <= mask.Length - 16; j += 16)
        {
            Vector512<ulong> n = Vector512.Create((ulong)(first + j)) + lanes;
            Vector512<ulong> low = Vector512.LessThan(Vector512.ShiftRightLogical(CounterRandom.KeyedBits(key, n), 40), limit);
            Vector512<ulong> high = Vector512.LessThan(
                Vector512.ShiftRightLogical(CounterRandom.KeyedBits(key, n + Vector512.Create(8UL)), 40), limit);
            Vector512<float> drop = Vector512.Narrow(low, high).AsSingle();
            Vector512.ConditionalSelect(drop, Vector512<float>.Zero, kept).CopyTo(mask[j..]);
        }

        FillScalar(mask[j..], dropProbability, seed, stream, first + j);
    }

    /// <summary><see cref="Fill"/> eight elements at a time with Vector256, for CPUs without Vector512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillVector256(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        ulong key = CounterRandom.Key(seed, stream);
        var lanes = Vector256.Create(0UL, 1, 2, 3);
        var limit = Vector256.Create(Threshold(dropProbability));
        var kept = Vector256.Create(1 / (1 - dropProbability));
        int j = 0;
        for (; j <= mask.Length - 8; j += 8)
        {
            Vector256<ulong> n = Vector256.Create((ulong)(first + j)) + lanes;
            Vector256<ulong> low = Vector256.LessThan(Vector256.ShiftRightLogical(CounterRandom.KeyedBits(key, n), 40), limit);
            Vector256<ulong> high = Vector256.LessThan(
                Vector256.ShiftRightLogical(CounterRandom.KeyedBits(key, n + Vector256.Create(4UL)), 40), limit);
            Vector256<float> drop = Vector256.Narrow(low, high).AsSingle();
            Vector256.ConditionalSelect(drop, Vector256<float>.Zero, kept).CopyTo(mask[j..]);
        }

        FillScalar(mask[j..], dropProbability, seed, stream, first + j);
    }

    /// <summary>The scalar twin of <see cref="Fill"/>, and the vector forms' tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillScalar(Span<float> mask, float dropProbability, ulong seed, ulong stream, long first)
    {
        ulong key = CounterRandom.Key(seed, stream);
        ulong threshold = Threshold(dropProbability);
        float keep = 1 / (1 - dropProbability);
        for (int j = 0; j < mask.Length; j++)
        {
            mask[j] = CounterRandom.KeyedBits(key, (ulong)(first + j)) >> 40 < threshold ? 0 : keep;
        }
    }

    // Uniform() is x·2⁻²⁴ for the top 24 bits x, so "uniform < p" is exactly "x < ⌈p·2²⁴⌉".
    private static ulong Threshold(float dropProbability) => (ulong)Math.Ceiling(dropProbability * 16777216.0);
}
