namespace RollNet.Compute;

/// <summary>
/// A counter-based generator: the n-th number of a stream is a pure function of (seed, stream, n), so any element
/// can be drawn independently, in parallel, on any device, and give the same value everywhere.
/// </summary>
/// <remarks>
/// The mixing function is SplitMix64's finaliser applied twice with the key folded in between; it passes the
/// usual statistical batteries for this use and needs only 64-bit integer arithmetic, which GPU kernels have.
/// </remarks>
public static class CounterRandom
{
    /// <summary>64 random bits for counter n of (seed, stream).</summary>
    public static ulong Bits(ulong seed, ulong stream, ulong n)
    {
        ulong key = Mix(seed ^ (stream * 0xD1B54A32D192ED03UL));
        return Mix(key ^ Mix(n + 0x9E3779B97F4A7C15UL));
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public static float Uniform(ulong seed, ulong stream, ulong n) => (Bits(seed, stream, n) >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public static double UniformDouble(ulong seed, ulong stream, ulong n) =>
        (Bits(seed, stream, n) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
