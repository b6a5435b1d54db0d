using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Gpu;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Training;
using Spectre.Console;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet eval</c>: a model's next-frame prediction quality on one split of a dataset.</summary>
internal static class EvalCommand
{
    // An estimate's error falls as one over the root of its frames: 10,000 put a key's probability within about 0.005,
    // and take hours on a JSB split where 100 take half a minute; more would bound the run by nothing but patience.
    private const int MaxMarginals = 10_000;

    private const string ChooseOnValid = "valid";

    public static Command Create()
    {
        Option<string?> model = CommonOptions.Model();
        var data = new Option<string>("--data")
        {
            Description = "A dataset pickle or MAT-file, a folder of MIDI files, or a dataset name (jsb, nottingham, musedata, piano-midi)",
            Required = true,
        };
        Option<string> split = DatasetOptions.SplitOption("--split", "The split to measure");
        var batch = new Option<int>("--batch") { Description = "Sequences per batch", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var seed = new Option<ulong>("--seed") { Description = "Seed of a MIDI folder's split", DefaultValueFactory = _ => 1 };
        Option<int> threads = CommonOptions.Threads();
        Option<DeviceChoice> device = CommonOptions.Device();
        Option<MatrixPrecision> precision = CommonOptions.Precision();
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object" };
        var png = new Option<string?>("--png")
        {
            Description = "Also draw the predictions beside the actual frames of one sequence (the paper's Figure 5) as a PNG",
        }.ToWrite(".png");
        var pngIndex = new Option<int>("--png-index") { Description = "The sequence of the split that --png draws" }.AtLeast(0);
        var threshold = new Option<string>("--threshold")
        {
            Description = "The probability a key must exceed to count as predicted in the accuracies, or 'valid': the one "
                + "with the best Bay accuracy on the validation split",
            DefaultValueFactory = _ => "0.5",
        };
        threshold.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string>();
            if (text != ChooseOnValid && ParseThreshold(text) is null)
            {
                result.AddError($"--threshold must be a probability between 0 and 1, exclusive, or {ChooseOnValid}");
            }
        });
        var marginals = new Option<int>("--marginals")
        {
            Description = "NADE head: decide each key by its marginal probability, estimated from this many frames drawn "
                + "per step, instead of key by key given the keys below it (0); the sigmoid head's keys are independent",
        }.InRange(0, MaxMarginals + 1);
        var datasets = new DatasetOptions();
        var command = new Command("eval", "Measure a model: NLL per frame, strict and Bay accuracy, precision, recall, F1")
        {
            model, data, split, batch, seed, threads, device, precision, json, png, pngIndex, threshold, marginals,
        };
        datasets.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            Checkpoint checkpoint = ModelSource.Load(parse.GetValue(model));
            int? learnt = TrainingCheckpoint.ReadState(checkpoint)?.StepsPerQuarter;
            PianoRollDataset dataset = datasets.Load(parse, parse.GetValue(data)!, parse.GetValue(seed), stderr, learnt);
            string name = parse.GetValue(split)!;
            IReadOnlyList<PianoRoll> rolls = DatasetOptions.Split(dataset, name);
            RequireMeasurable(dataset, name, rolls, string.Empty);

            using Backend backend = CommonOptions.CreateBackend(parse.GetValue(device), parse.GetValue(threads), stderr);
            using RollModel network = checkpoint.CreateModel(backend);

            if (parse.GetValue(png) is { } pngPath)
            {
                int index = parse.GetValue(pngIndex);
                PianoRoll sequence = index < rolls.Count
                    ? rolls[index]
                    : throw new DatasetException(dataset.Source,
                        $"--png-index {index} is past the {rolls.Count} sequences of its {name} split");
                float[] predictions = Evaluation.Predict(network, sequence, parse.GetValue(precision));
                int stepsPerQuarter = dataset.StepsPerQuarter ?? parse.GetValue(datasets.StepsPerQuarter) ?? learnt
                    ?? MidiRollReader.DefaultStepsPerQuarter;
                PredictionFigure.Write(pngPath, predictions, sequence, 4 * stepsPerQuarter);
                // With --json, stdout holds the JSON object alone.
                stderr.WriteLine($"wrote {pngPath}");
            }

            using var runner = new InferenceRunner(network);
            int samples = parse.GetValue(marginals);
            double cut = parse.GetValue(threshold) is ChooseOnValid
                ? ChooseThreshold(runner, dataset, parse.GetValue(batch), parse.GetValue(precision), samples, stderr)
                : ParseThreshold(parse.GetValue(threshold))!.Value;
            FrameMetrics metrics = Evaluation.Measure(runner, rolls, parse.GetValue(batch), parse.GetValue(precision), cut,
                samples);
            // The number of frames drawn for the marginals is a count: no decimals in the table.
            (string Name, double Value, string Format)[] figures =
            [
                ("nllPerFrame", metrics.LossPerFrame, "F4"), ("strictAccuracy", metrics.StrictAccuracy, "F4"),
                ("bayAccuracy", metrics.BayAccuracy, "F4"), ("precision", metrics.Precision, "F4"), ("recall", metrics.Recall, "F4"),
                ("f1", metrics.F1, "F4"), ("threshold", metrics.Threshold, "F4"), ("marginals", samples, "F0"),
            ];

            // Loading refuses weights that overflow, so this is a last guard: a figure that is no number is an error,
            // never a table row or a JSON value (which JSON cannot hold).
            if (Array.Find(figures, f => !double.IsFinite(f.Value)) is { Name: { } broken, Value: var notANumber })
            {
                throw new CheckpointException(ModelSource.Describe(parse.GetValue(model)),
                    $"the model's {broken} on {dataset.Name} {name} is {notANumber.ToString(CultureInfo.InvariantCulture)}, not a finite number");
            }

            if (parse.GetValue(json))
            {
                stdout.WriteLine(Json(dataset, name, metrics, figures));
            }
            else
            {
                var table = new Table().AddColumns("measure", "value");
                foreach ((string figure, double value, string format) in figures)
                {
                    table.AddRow(figure, value.ToString(format, CultureInfo.InvariantCulture));
                }

                IAnsiConsole console = Terminal.For(stdout);
                console.WriteLine($"{dataset.Name} {name}: {metrics.Frames} frames");
                console.Write(table);
            }

            return 0;
        }));
        return command;
    }

    private static double? ParseThreshold(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value < 1
            ? value
            : null;

    /// <summary>The threshold with the best Bay accuracy on the validation split, reported on stderr.</summary>
    private static double ChooseThreshold(InferenceRunner runner, PianoRollDataset dataset, int batch,
        MatrixPrecision precision, int marginalSamples, TextWriter stderr)
    {
        RequireMeasurable(dataset, "valid", dataset.Valid, " to choose --threshold on");
        double chosen = Evaluation.ChooseThreshold(runner, dataset.Valid, batch, precision, marginalSamples);
        stderr.WriteLine($"threshold {chosen.ToString("0.00", CultureInfo.InvariantCulture)}, chosen on the valid split");
        return chosen;
    }

    /// <summary>A split is measured on its next-frame predictions, which need a sequence of two steps or more.</summary>
    private static void RequireMeasurable(PianoRollDataset dataset, string split, IReadOnlyList<PianoRoll> rolls,
        string purpose)
    {
        if (!rolls.Any(r => r.Steps >= 2))
        {
            throw new DatasetException(dataset.Source, $"the {split} split has no sequence of two steps or more{purpose}");
        }
    }

    private static string Json(PianoRollDataset dataset, string split, FrameMetrics metrics,
        (string Name, double Value, string Format)[] figures)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("data", dataset.Source);
            writer.WriteString("split", split);
            writer.WriteNumber("frames", metrics.Frames);
            foreach ((string name, double value, _) in figures)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
