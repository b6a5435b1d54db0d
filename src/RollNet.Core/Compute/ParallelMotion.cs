namespace RollNet.Compute;

/// <summary>
/// One row of <see cref="Backend.AddParallelMotion"/> and its backward on the host: the CPU backend's kernel, and what
/// the NADE head adds key by key when it decodes a frame, so that decoding and the loss see the same bits. The weights
/// are P then Q, K each: P[r] for a key r above the bass that any voice of the frame before would reach in parallel, Q[r]
/// for the one its top voice would.
/// </summary>
internal static class ParallelMotion
{
    /// <summary>The lowest and the highest key sounding in <paramref name="frame"/>, or −1 and −1 in a rest.</summary>
    public static (int Bass, int Top) Outer(ReadOnlySpan<float> frame) =>
        (frame.IndexOfAnyExcept(0f), frame.LastIndexOfAnyExcept(0f));

    /// <summary>
    /// What key <paramref name="key"/> adds to its visible bias once the target's bass is <paramref name="bass"/>, for
    /// r = key − bass ≥ 1: P[r] when <paramref name="input"/> (the frame before, whose outer keys are
    /// <paramref name="inputOuter"/>) sounds key a + r, plus Q[r] when that key is its highest; 0 when the bass stayed,
    /// either frame is a rest, or the interval leaves the keys.
    /// </summary>
    public static float Term(int key, int bass, (int Bass, int Top) inputOuter, ReadOnlySpan<float> input,
        ReadOnlySpan<float> weights)
    {
        int keys = input.Length, r = key - bass, a = inputOuter.Bass;
        if (bass < 0 || a < 0 || a == bass || r < 1 || a + r >= keys || input[a + r] == 0)
        {
            return 0;
        }

        return weights[r] + (a + r == inputOuter.Top ? weights[keys + r] : 0);
    }

    /// <summary>c[b + r] += <see cref="Term"/> over one row (K keys of <paramref name="target"/> and of the biases).</summary>
    public static void AddRow(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weights,
        Span<float> visibleBias)
    {
        ReadOnlySpan<float> frame = input[..target.Length];
        (int a, int top) = Outer(frame);
        int b = target.IndexOfAnyExcept(0f);
        for (int k = b + 1; k < target.Length; k++)
        {
            float term = Term(k, b, (a, top), frame, weights);
            if (term != 0)
            {
                visibleBias[k] += term;
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="AddRow"/>: c[b + r] = … + P[r] + Q[r] where each was added, so dP[r] and dQ[r] each gain
    /// dc[b + r] there.
    /// </summary>
    public static void AccumulateRow(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> dVisibleBias,
        Span<float> dWeights)
    {
        int keys = target.Length;
        (int a, int top) = Outer(input[..keys]);
        int b = target.IndexOfAnyExcept(0f);
        if (a < 0 || b < 0 || a == b)
        {
            return;
        }

        for (int r = 1; a + r < keys && b + r < keys; r++)
        {
            if (input[a + r] != 0)
            {
                dWeights[r] += dVisibleBias[b + r];
                if (a + r == top)
                {
                    dWeights[keys + r] += dVisibleBias[b + r];
                }
            }
        }
    }
}
