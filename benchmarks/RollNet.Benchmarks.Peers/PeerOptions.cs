using System.Globalization;

namespace RollNet.Benchmarks.Peers;

/// <summary>The command line.</summary>
/// <param name="Rounds">How many times the whole alternation runs.</param>
/// <param name="Threads">Threads of both libraries.</param>
/// <param name="Figures">The figures to measure; null for all.</param>
/// <param name="Quick">One run per figure to check the setup; the numbers mean nothing.</param>
/// <param name="Isa">"native", or "avx2" to hold both libraries to AVX2 on an AVX-512 machine.</param>
/// <param name="PassiveOpenMp">Run libtorch's OpenMP threads with OMP_WAIT_POLICY=PASSIVE.</param>
internal sealed record PeerOptions(
    int Rounds = 1,
    int Threads = 2,
    IReadOnlyList<string>? Figures = null,
    bool Quick = false,
    string Isa = "native",
    bool PassiveOpenMp = false)
{
    public const string Usage = """
        usage: RollNet.Benchmarks.Peers [options]
          --rounds N           repeat the whole RollNet/libtorch alternation N times (default 1)
          --threads N          threads of both libraries (default 2)
          --figures a,b        measure only these figures (default: all paired figures)
          --isa native|avx2    avx2: restart with .NET, MKL and oneDNN held to AVX2 (default native)
          --omp-wait default|passive
                               passive: restart with OMP_WAIT_POLICY=PASSIVE for libtorch's OpenMP threads
                               (default: libtorch's own waiting; the program waits for idle threads between sides)
          --quick              one run of each figure to check the setup; the numbers are not valid
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static PeerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PeerOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = Positive("--rounds", Value()) },
                "--threads" => options with { Threads = Positive("--threads", Value()) },
                "--figures" => options with
                {
                    Figures = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                },
                "--isa" => options with { Isa = OneOf("--isa", Value(), "native", "avx2") },
                "--omp-wait" => options with { PassiveOpenMp = OneOf("--omp-wait", Value(), "default", "passive") == "passive" },
                "--quick" => options with { Quick = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a positive whole number, not '{text}'");

    private static string OneOf(string option, string text, params string[] allowed) =>
        allowed.Contains(text) ? text : throw new ArgumentException($"{option} takes {string.Join(" or ", allowed)}, not '{text}'");
}
