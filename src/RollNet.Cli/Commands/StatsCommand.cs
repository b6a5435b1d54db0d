using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RollNet.Data;
using RollNet.Music;
using RollNet.Rendering;
using Spectre.Console;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet stats A [B]</c>: the musical statistics of a set of rolls, or two sets compared feature by feature.</summary>
internal static class StatsCommand
{
    private static readonly string[] PitchClasses = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static Command Create()
    {
        const string what = "a dataset split (jsb:test; a pickle or MIDI folder with :train, :valid or :test), a dataset "
            + "pickle or name (all splits), a folder of .mid/.json files, or one .mid or .json file";
        var a = new Argument<string>("A") { Description = $"The set to measure: {what}" };
        var b = new Argument<string?>("B") { Description = "A second set to compare the first with", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the statistics as one JSON object" };
        var png = new Option<string?>("--png") { Description = "Also draw each feature's distribution over the pieces (both sets side by side) as a PNG" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of a MIDI folder's split", DefaultValueFactory = _ => 1 };
        var datasets = new DatasetOptions();
        var command = new Command("stats",
            "Musical statistics of a set of rolls (notes per frame, pitch range and classes, key, note lengths, leaps, "
            + "chords, clashes), or two sets compared feature by feature")
        {
            a, b, json, png, seed,
        };
        datasets.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            string nameA = parse.GetValue(a)!;
            string? nameB = parse.GetValue(b);
            MusicSetStatistics setA = Measure(nameA, datasets, parse, parse.GetValue(seed), stderr);
            MusicSetStatistics? setB = nameB is null ? null : Measure(nameB, datasets, parse, parse.GetValue(seed), stderr);
            if (parse.GetValue(png) is { } pngPath)
            {
                StatisticsFigure.Write(pngPath, setA, Label(nameA), setB, nameB is null ? null : Label(nameB));
                // With --json, stdout holds the JSON object alone.
                stderr.WriteLine($"wrote {pngPath}");
            }

            if (parse.GetValue(json))
            {
                stdout.WriteLine(Json(nameA, setA, nameB, setB));
            }
            else if (setB is null)
            {
                PrintSet(stdout, nameA, setA);
            }
            else
            {
                PrintComparison(stdout, nameA, setA, nameB!, setB);
            }

            return 0;
        }));
        return command;
    }

    private static MusicSetStatistics Measure(string spec, DatasetOptions datasets, ParseResult parse, ulong seed, TextWriter error)
    {
        IReadOnlyList<PianoRoll> rolls = RollSets.Read(spec, datasets, parse, seed, error);
        return rolls.Count > 0 ? MusicStatistics.Of(rolls) : throw new DatasetException(spec, "holds no piece");
    }

    private static void PrintSet(TextWriter stdout, string name, MusicSetStatistics set)
    {
        MusicStatistics all = set.Overall;
        IAnsiConsole console = Terminal.For(stdout);
        console.WriteLine($"{name}: {set.Pieces.Count} pieces, {all.Frames} frames, {all.Notes} notes");
        var table = new Table().AddColumns("statistic", "all pieces", "mean of pieces");
        foreach (MusicFeature feature in MusicFeatures.All)
        {
            table.AddRow(MusicFeatures.Description(feature), Number(all.Value(feature)), Number(set.Mean(feature)));
        }

        console.Write(table);
        stdout.WriteLine($"key (all pieces): {all.Key?.Name ?? "none"}; pitches {Pitches(all)}");
        stdout.WriteLine($"notes per frame: {Shares(all.NotesPerFrameShares, i => i == 6 ? "6+" : $"{i}")}");
        stdout.WriteLine($"pitch classes: {Shares(all.PitchClassHistogram, i => PitchClasses[i])}");
        stdout.WriteLine($"note lengths (steps): {Shares(all.NoteLengthShares, i => i == 7 ? "8+" : $"{i + 1}")}");
        stdout.WriteLine($"top-voice leaps (semitones): {Shares(all.TopVoiceLeapShares, i => i == 13 ? "13+" : $"{i}")}");
    }

    private static void PrintComparison(TextWriter stdout, string nameA, MusicSetStatistics a, string nameB, MusicSetStatistics b)
    {
        IAnsiConsole console = Terminal.For(stdout);
        console.WriteLine($"A = {nameA}: {a.Pieces.Count} pieces; B = {nameB}: {b.Pieces.Count} pieces");
        var table = new Table().AddColumns("feature", "mean A", "mean B", "overlap");
        foreach (FeatureComparison c in MusicComparison.Compare(a, b))
        {
            table.AddRow(MusicFeatures.Description(c.Feature), Number(c.MeanA), Number(c.MeanB), Number(c.Overlap));
        }

        console.Write(table);
        stdout.WriteLine("means over pieces; overlap: area shared by the two sets' kernel density estimates, 1 for the same distribution");
    }

    // A path's file name is enough in a legend.
    private static string Label(string spec) =>
        spec.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Path.GetFileName(spec.TrimEnd(Path.DirectorySeparatorChar)) : spec;

    private static string Pitches(MusicStatistics s) =>
        s.LowestPitch is { } low ? $"{low}..{s.HighestPitch}, {s.PitchesUsed} used" : "none";

    private static string Number(double value) =>
        double.IsNaN(value) ? "-"
        : value.ToString(value == Math.Round(value) ? "0" : "0.000", CultureInfo.InvariantCulture);

    private static string Shares(IReadOnlyList<double> shares, Func<int, string> label) =>
        string.Join("  ", shares.Select((s, i) => $"{label(i)} {(double.IsNaN(s) ? "-" : (100 * s).ToString("0.0", CultureInfo.InvariantCulture) + "%")}"));

    private static string Json(string nameA, MusicSetStatistics a, string? nameB, MusicSetStatistics? b)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (b is null)
            {
                WriteSet(writer, nameA, a);
            }
            else
            {
                writer.WriteStartObject();
                writer.WritePropertyName("a");
                WriteSet(writer, nameA, a);
                writer.WritePropertyName("b");
                WriteSet(writer, nameB!, b);
                writer.WriteStartArray("comparison");
                foreach (FeatureComparison c in MusicComparison.Compare(a, b))
                {
                    writer.WriteStartObject();
                    writer.WriteString("feature", MusicFeatures.Key(c.Feature));
                    Number(writer, "meanA", c.MeanA);
                    Number(writer, "meanB", c.MeanB);
                    Number(writer, "overlap", c.Overlap);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSet(Utf8JsonWriter writer, string name, MusicSetStatistics set)
    {
        MusicStatistics all = set.Overall;
        writer.WriteStartObject();
        writer.WriteString("source", name);
        writer.WriteNumber("pieces", set.Pieces.Count);
        writer.WriteNumber("frames", all.Frames);
        writer.WriteNumber("notes", all.Notes);
        if (all.Key is { } key)
        {
            writer.WriteString("key", key.Name);
        }
        else
        {
            writer.WriteNull("key");
        }

        Nullable(writer, "lowestPitch", all.LowestPitch);
        Nullable(writer, "highestPitch", all.HighestPitch);
        writer.WriteStartObject("all");
        foreach (MusicFeature feature in MusicFeatures.All)
        {
            Number(writer, MusicFeatures.Key(feature), all.Value(feature));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("meanOfPieces");
        foreach (MusicFeature feature in MusicFeatures.All)
        {
            Number(writer, MusicFeatures.Key(feature), set.Mean(feature));
        }

        writer.WriteEndObject();
        Array(writer, "notesPerFrameShares", all.NotesPerFrameShares);
        Array(writer, "pitchClassHistogram", all.PitchClassHistogram);
        Array(writer, "noteLengthShares", all.NoteLengthShares);
        Array(writer, "topVoiceLeapShares", all.TopVoiceLeapShares);
        writer.WriteEndObject();
    }

    // JSON has no NaN: an undefined figure is null.
    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Nullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Array(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
