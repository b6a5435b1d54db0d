using System.CommandLine;
using System.Globalization;
using RollNet.Data;
using RollNet.Rendering;
using Spectre.Console;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet data stats PATH</c>: what each split of a dataset holds.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A dataset pickle or MAT-file, a folder of MIDI files, or a dataset name (jsb, nottingham, musedata, piano-midi)",
        };
        Option<ulong> seed = DatasetOptions.SplitSeed();
        var png = new Option<string?>("--png")
        {
            Description = "Also draw how often each key sounds over all splits (the paper's Figure 1) as a PNG",
        }.ToWrite(".png");
        var datasets = new DatasetOptions();
        var stats = new Command("stats", "Print sequences, frames, mean notes per frame and pitch range per split")
        {
            path, seed, png,
        };
        datasets.AddTo(stats);
        stats.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            PianoRollDataset dataset = datasets.Load(parse, parse.GetValue(path)!, parse.GetValue(seed), stderr);
            var table = new Table().AddColumns("split", "sequences", "frames", "notes/frame", "pitch range");
            foreach ((string name, IReadOnlyList<PianoRoll> rolls) in new[]
                     { ("train", dataset.Train), ("valid", dataset.Valid), ("test", dataset.Test) })
            {
                RollStatistics s = RollStatistics.Of(rolls);
                table.AddRow(name, $"{s.Sequences}", $"{s.Frames}", s.MeanNotesPerFrame.ToString("F2", CultureInfo.InvariantCulture),
                    s.LowestPitch is { } low ? $"{low}..{s.HighestPitch}" : "none");
            }

            IAnsiConsole console = Terminal.For(stdout);
            // The grid, where known, says how long a frame lasts: a quarter note in JSB Chorales, an eighth in the others.
            string grid = dataset.StepsPerQuarter is { } steps ? $", {Counted.Steps(steps)} a quarter note" : "";
            console.WriteLine($"{dataset.Name} ({dataset.Source}){grid}");
            console.Write(table);
            if (parse.GetValue(png) is { } pngPath)
            {
                KeyHistogramPlot.Write(pngPath, [.. dataset.Train, .. dataset.Valid, .. dataset.Test],
                    $"how often each key sounds: {dataset.Name}");
                console.WriteLine($"wrote {pngPath}");
            }

            return 0;
        }));
        return new Command("data", "Look at datasets") { stats };
    }
}
