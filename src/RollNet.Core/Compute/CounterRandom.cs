using System.Runtime.Intrinsics;

namespace RollNet.Compute;

/// <summary>
/// A counter-based generator: the n-th number of a stream is a pure function of (seed, stream, n), so any element
/// can be drawn independently, in parallel, on any device, and give the same value everywhere.
/// </summary>
/// <remarks>
/// The mixing function is SplitMix64's finaliser applied twice with the key folded in between; it passes the
/// usual statistical batteries for this use and needs only 64-bit integer arithmetic, which GPU kernels have.
/// </remarks>
internal static class CounterRandom
{
    /// <summary>64 random bits for counter n of (seed, stream).</summary>
    public static ulong Bits(ulong seed, ulong stream, ulong n) => KeyedBits(Key(seed, stream), n);

    /// <summary>The per-stream key that <see cref="KeyedBits(ulong, ulong)"/> combines with the counter.</summary>
    internal static ulong Key(ulong seed, ulong stream) => Mix(seed ^ (stream * StreamMultiplier));

    internal static ulong KeyedBits(ulong key, ulong n) => Mix(key ^ Mix(n + CounterIncrement));

    /// <summary>Eight counters at once; lane i equals <see cref="KeyedBits(ulong, ulong)"/>(key, n[i]).</summary>
    internal static Vector512<ulong> KeyedBits(ulong key, Vector512<ulong> n) =>
        Mix(Vector512.Create(key) ^ Mix(n + Vector512.Create(CounterIncrement)));

    /// <summary>Four counters at once; lane i equals <see cref="KeyedBits(ulong, ulong)"/>(key, n[i]).</summary>
    internal static Vector256<ulong> KeyedBits(ulong key, Vector256<ulong> n) =>
        Mix(Vector256.Create(key) ^ Mix(n + Vector256.Create(CounterIncrement)));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public static float Uniform(ulong seed, ulong stream, ulong n) => (Bits(seed, stream, n) >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public static double UniformDouble(ulong seed, ulong stream, ulong n) =>
        (Bits(seed, stream, n) >> 11) * (1.0 / (1UL << 53));

    private const ulong StreamMultiplier = 0xD1B54A32D192ED03UL;
    private const ulong CounterIncrement = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(Mix1);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(Mix2);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(Mix1);
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(Mix2);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }
}
