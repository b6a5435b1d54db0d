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
    /// <summary>The fewest pieces a set may have for its overlap with another to be read as a comparison of distributions.</summary>
    private const int MinPiecesToCompare = 10;

    private static readonly string[] PitchClasses = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static Command Create()
    {
        const string what = "a dataset split (jsb:test; a pickle, MAT-file or MIDI folder with :train, :valid or :test), a dataset "
            + "pickle, MAT-file or name (all splits), a folder of .mid/.json files, or one .mid or .json file";
        var a = new Argument<string>("A") { Description = $"The set to measure: {what}" };
        var b = new Argument<string?>("B") { Description = "A second set to compare the first with", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the statistics as one JSON object" };
        var png = new Option<string?>("--png") { Description = "Also draw each feature's distribution over the pieces (both sets side by side) as a PNG" }
            .ToWrite(".png");
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
            (RollSet setA, RollSet? setB) = ReadSets(nameA, nameB, datasets, parse, parse.GetValue(seed), stderr);

            // Told only once both sets have been read, so that bad input still gets its one line.
            TellGrids(stderr, nameA, setA, nameB, setB);
            MusicSetStatistics statsA = MusicStatistics.Of(setA.Rolls);
            MusicSetStatistics? statsB = setB is null ? null : MusicStatistics.Of(setB.Rolls);
            if (parse.GetValue(png) is { } pngPath)
            {
                StatisticsFigure.Write(pngPath, statsA, Label(nameA), statsB, nameB is null ? null : Label(nameB));
                // With --json, stdout holds the JSON object alone.
                stderr.WriteLine($"wrote {pngPath}");
            }

            string? tooFew = setB is null ? null : TooFewPieces(nameA, setA, nameB!, setB);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(Json(nameA, statsA, nameB, statsB, overlapsMeaningful: tooFew is null));
                if (tooFew is not null)
                {
                    stderr.WriteLine($"rollnet: {tooFew}");
                }
            }
            else if (statsB is null)
            {
                PrintSet(stdout, nameA, statsA);
            }
            else
            {
                PrintComparison(stdout, nameA, statsA, nameB!, statsB);
                if (tooFew is not null)
                {
                    stdout.WriteLine(tooFew);
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Reads both sets. Files of music that record no grid take that of the set they are compared with, so a dataset
    /// named second is read first.
    /// </summary>
    private static (RollSet A, RollSet? B) ReadSets(string nameA, string? nameB, DatasetOptions datasets, ParseResult parse,
        ulong seed, TextWriter error)
    {
        RollSet? b = nameB is not null && RollSets.NamesFiles(nameA) && !RollSets.NamesFiles(nameB)
            ? Read(nameB, null)
            : null;
        RollSet a = Read(nameA, b?.KnownGrid);
        return (a, b ?? (nameB is null ? null : Read(nameB, a.KnownGrid)));

        RollSet Read(string spec, int? context)
        {
            RollSet set = RollSets.Read(spec, datasets, parse, seed, context, error);
            return set.Rolls.Count > 0 ? set : throw new DatasetException(spec, "holds no piece");
        }
    }

    /// <summary>Warns of a grid assumed, of a set whose pieces are on different grids, and of two sets on different grids.</summary>
    private static void TellGrids(TextWriter error, string nameA, RollSet a, string? nameB, RollSet? b)
    {
        (string Name, RollSet Set)[] sets = b is null ? [(nameA, a)] : [(nameA, a), (nameB!, b)];
        foreach ((string name, RollSet set) in sets)
        {
            if (set.FilesOnDefaultGrid > 0)
            {
                error.WriteLine(RollFiles.DefaultGridNote(name, Directory.Exists(name)
                    ? $"{set.FilesOnDefaultGrid} of its MIDI files record no grid"
                    : "the file records no grid"));
            }

            if (set.Grids.Count > 1)
            {
                error.WriteLine($"rollnet: {name}: its pieces are on grids of {Listed.And(set.Grids.Order())} "
                    + "steps a quarter note, and note lengths in steps mix them");
            }
        }

        if (b is not null && a.Grids.Count == 1 && b.Grids.Count == 1 && a.Grids.Single() != b.Grids.Single())
        {
            error.WriteLine($"rollnet: A = {nameA} is on a grid of {Counted.Steps(a.Grids.Single())} a quarter note and B = {nameB} "
                + $"on {Counted.Steps(b.Grids.Single())}: note lengths in steps do not compare");
        }
    }

    /// <summary>
    /// The line that says a comparison has too few pieces for its overlaps to mean anything, or null. An overlap
    /// compares kernel density estimates of the per-piece values, whose bandwidth follows a set's spread: one piece
    /// has none, and below <see cref="MinPiecesToCompare"/> the spread measured is off by a quarter or more (its
    /// relative standard error is about 1/√(2(n − 1))).
    /// </summary>
    private static string? TooFewPieces(string nameA, RollSet a, string nameB, RollSet b)
    {
        (string Letter, string Name, int Pieces)[] sets = [("A", nameA, a.Rolls.Count), ("B", nameB, b.Rolls.Count)];
        string[] few = [.. sets.Where(s => s.Pieces < MinPiecesToCompare).Select(s => $"{s.Letter} = {s.Name} has {Counted.Pieces(s.Pieces)}")];
        return few.Length == 0
            ? null
            : $"{string.Join(" and ", few)}: an overlap compares the distributions of two sets' pieces and needs at least "
              + $"{MinPiecesToCompare} in each, so these overlaps are not meaningful";
    }


    private static void PrintSet(TextWriter stdout, string name, MusicSetStatistics set)
    {
        MusicStatistics all = set.Overall;
        IAnsiConsole console = Terminal.For(stdout);
        console.WriteLine($"{name}: {Counted.Pieces(set.Pieces.Count)}, {all.Frames} frames, {all.Notes} notes");
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
        console.WriteLine($"A = {nameA}: {Counted.Pieces(a.Pieces.Count)}; B = {nameB}: {Counted.Pieces(b.Pieces.Count)}");
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

    private static string Json(string nameA, MusicSetStatistics a, string? nameB, MusicSetStatistics? b, bool overlapsMeaningful)
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
                    JsonNumbers.Write(writer, "meanA", c.MeanA);
                    JsonNumbers.Write(writer, "meanB", c.MeanB);
                    JsonNumbers.Write(writer, "overlap", c.Overlap);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                // As the line on stderr says, for a program that reads the JSON alone.
                writer.WriteBoolean("overlapsMeaningful", overlapsMeaningful);
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
            JsonNumbers.Write(writer, MusicFeatures.Key(feature), all.Value(feature));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("meanOfPieces");
        foreach (MusicFeature feature in MusicFeatures.All)
        {
            JsonNumbers.Write(writer, MusicFeatures.Key(feature), set.Mean(feature));
        }

        writer.WriteEndObject();
        Array(writer, "notesPerFrameShares", all.NotesPerFrameShares);
        Array(writer, "pitchClassHistogram", all.PitchClassHistogram);
        Array(writer, "noteLengthShares", all.NoteLengthShares);
        Array(writer, "topVoiceLeapShares", all.TopVoiceLeapShares);
        writer.WriteEndObject();
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
