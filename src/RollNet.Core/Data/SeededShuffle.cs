using RollNet.Compute;

namespace RollNet.Data;

/// <summary>Permutations drawn from the counter-based generator, so they are the same on every runtime and machine.</summary>
internal static class SeededShuffle
{
    /// <summary>A Fisher–Yates permutation of 0..n-1 that depends only on (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
    public static int[] Permutation(int n, ulong seed, ulong stream)
    {
        int[] order = [.. Enumerable.Range(0, n)];
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(CounterRandom.UniformDouble(seed, stream, (ulong)i) * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
