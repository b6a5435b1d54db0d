using System.Globalization;
using RollNet.Data;

namespace RollNet.Benchmarks.Peers;

/// <summary>
/// Measures RollNet's quick figures and libtorch's at the same shapes, figure by figure in one process, and prints
/// <c>figure rollnet libtorch ratio unit</c> per round, then a Markdown table.
/// </summary>
internal static class Program
{
    /// <summary>88·ln 2: the loss per frame of a model that gives every key even odds.</summary>
    private static readonly double EvenOddsLoss = FigureCatalog.Keys * Math.Log(2);

    public static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(PeerOptions.Usage);
            return 0;
        }

        PeerOptions options;
        IReadOnlyList<FigureShape> shapes;
        try
        {
            options = PeerOptions.Parse(args);
            shapes = FigureCatalog.Select(options.Figures);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(PeerOptions.Usage);
            return 2;
        }

        // The runtime, MKL, oneDNN and OpenMP read their settings once, at start: set them, then start afresh.
        return EnvironmentRelaunch.RunAgainIfNeeded(EnvironmentRelaunch.Wanted(options), args) ?? Run(options, shapes);
    }

    private static int Run(PeerOptions options, IReadOnlyList<FigureShape> shapes)
    {
        // Both before libtorch is loaded: the first before it allocates, the second before the loader sees it.
        string heap = GlibcHeap.KeepFreedBlocks();
        string loadFix = LibTorchSharpLoadFix.Apply();

        SequenceBatch batch = RandomRolls.Batch(FigureCatalog.Batch, FigureCatalog.Steps, seed: 7);
        using var rollNet = new RollNetSide(options.Threads, batch);
        using var libTorch = new LibTorchSide(options.Threads, batch);
        foreach (string line in RunHeader.Lines(options, heap, loadFix))
        {
            Console.WriteLine(line);
        }

        foreach (string line in InitialLosses(rollNet, libTorch))
        {
            Console.WriteLine(line);
        }

        var table = new ComparisonTable();
        for (int round = 1; round <= options.Rounds; round++)
        {
            Console.WriteLine($"# round {round} of {options.Rounds}: figure rollnet libtorch ratio unit");
            foreach (FigureShape shape in shapes)
            {
                PairedFigure figure = MeasurePair(round, shape, rollNet, libTorch, options.Quick);
                table.Add(figure);
                Console.WriteLine(figure);
                if (figure.Contended)
                {
                    Console.WriteLine($"#   CONTENDED: other processes used {Cores(figure.OthersDuringRollNet)} cores during RollNet's runs "
                        + $"and {Cores(figure.OthersDuringLibTorch)} during libtorch's; both figures are low, libtorch's most");
                }

                if (shape.IsSgemm && table.Share(figure, figure.RollNet) is double share)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#   {shape.Name} as a share of fma_peak_gflops: RollNet {share:0%}, libtorch {table.Share(figure, figure.LibTorch):0%}"));
                }
            }
        }

        Console.WriteLine();
        Console.Write(table.ToMarkdown());
        return 0;
    }

    /// <summary>RollNet's figure, then libtorch's, each started once the other's threads are idle.</summary>
    private static PairedFigure MeasurePair(int round, FigureShape shape, RollNetSide rollNet, LibTorchSide libTorch, bool quick)
    {
        WaitForIdleThreads(shape);
        var load = OtherProcessesLoad.Start();
        double ours = rollNet.Measure(shape, quick);
        double othersDuringOurs = load.Cores();
        if (!shape.HasPeer)
        {
            return new PairedFigure(round, shape, ours, null, othersDuringOurs, 0);
        }

        WaitForIdleThreads(shape);
        load = OtherProcessesLoad.Start();
        double peer = libTorch.Measure(shape, TimingPlan.For(shape, quick));
        return new PairedFigure(round, shape, ours, peer, othersDuringOurs, load.Cores());
    }

    /// <summary>
    /// Both libraries' untrained loss on the same batch, near 88·ln 2 when the networks start sensibly, and libtorch's
    /// with RollNet's weights, equal to RollNet's when both compute the same network and loss.
    /// </summary>
    private static IEnumerable<string> InitialLosses(RollNetSide rollNet, LibTorchSide libTorch)
    {
        const int hidden = 256;
        foreach ((string head, bool nade) in new[] { ("sigmoid", false), ("NADE", true) })
        {
            (double ours, RollNetWeights weights) = rollNet.InitialLoss(hidden, nade);
            double peer = libTorch.InitialLoss(hidden, nade), sameWeights = libTorch.InitialLoss(hidden, nade, weights);
            bool plausible = Plausible(ours) && Plausible(peer);
            bool same = Math.Abs(ours - sameWeights) < 1e-3 * Math.Abs(ours);
            string losses = string.Create(CultureInfo.InvariantCulture,
                $"RollNet {ours:0.000}, libtorch {peer:0.000}, libtorch with RollNet's weights {sameWeights:0.000}");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"# initial loss, {head} head (hidden {hidden}, no dropout, same batch; 88·ln 2 = {EvenOddsLoss:0.00} nats/frame): ")
                + losses + (plausible ? "" : "  WARNING: not near 88·ln 2") + (same ? "" : "  WARNING: the same weights give another loss");
        }

        static bool Plausible(double loss) => double.IsFinite(loss) && Math.Abs(loss - EvenOddsLoss) < 5;
    }

    private static string Cores(double cores) =>
        double.IsFinite(cores) ? cores.ToString("0.00", CultureInfo.InvariantCulture) : "(too short to tell)";

    private static void WaitForIdleThreads(FigureShape next)
    {
        if (!IdleThreads.WaitUntilIdle())
        {
            Console.WriteLine($"# warning: threads were still busy before {next.Name}; it may be measured low");
        }
    }
}
