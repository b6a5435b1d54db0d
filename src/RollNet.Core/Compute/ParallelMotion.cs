namespace RollNet.Compute;

/// <summary>
/// One row of <see cref="Backend.AddParallelMotion"/> and its backward on the host: the CPU backend's kernel, and what
/// the NADE head adds key by key when it decodes a frame, so that decoding and the loss see the same bits.
/// </summary>
internal static class ParallelMotion
{
    /// <summary>The lowest key sounding in <paramref name="frame"/>, or −1 in a rest.</summary>
    public static int Bass(ReadOnlySpan<float> frame) => frame.IndexOfAnyExcept(0f);

    /// <summary>
    /// What key <paramref name="key"/> adds to its visible bias once the target's bass is <paramref name="bass"/>:
    /// P[r] for r = key − bass ≥ 1 when <paramref name="input"/> (the frame before, whose bass is
    /// <paramref name="inputBass"/>) sounds key a + r; 0 when it does not, the bass stayed, either frame is a rest, or
    /// the interval leaves the keys.
    /// </summary>
    public static float Term(int key, int bass, int inputBass, ReadOnlySpan<float> input, ReadOnlySpan<float> weights)
    {
        int r = key - bass;
        return bass < 0 || inputBass < 0 || inputBass == bass || r < 1 || inputBass + r >= weights.Length
            ? 0
            : input[inputBass + r] != 0 ? weights[r] : 0;
    }

    /// <summary>c[b + r] += P[r] where x[a + r] sounds, over one row (K keys of <paramref name="target"/> and of the biases).</summary>
    public static void AddRow(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weights,
        Span<float> visibleBias)
    {
        (int a, int b, int intervals) = Basses(input, target);
        for (int r = 1; r < intervals; r++)
        {
            if (input[a + r] != 0)
            {
                visibleBias[b + r] += weights[r];
            }
        }
    }

    /// <summary>dP[r] += dc[b + r] where x[a + r] sounds, over one row.</summary>
    public static void AccumulateRow(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> dVisibleBias,
        Span<float> dWeights)
    {
        (int a, int b, int intervals) = Basses(input, target);
        for (int r = 1; r < intervals; r++)
        {
            if (input[a + r] != 0)
            {
                dWeights[r] += dVisibleBias[b + r];
            }
        }
    }

    // The two basses and how many intervals above them both frames hold (0 when the bass stayed or a frame is a rest).
    private static (int InputBass, int Bass, int Intervals) Basses(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        int keys = target.Length, a = Bass(input[..keys]), b = Bass(target);
        return (a, b, a < 0 || b < 0 || a == b ? 0 : keys - Math.Max(a, b));
    }
}
