using System.CommandLine;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Gpu;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet generate</c>: primes a model with music and lets it continue, writing primer and continuation.</summary>
internal static class GenerateCommand
{
    // A bound on one run's length: 100,000 steps are hours of music and about a minute and 9 MB of roll here.
    private const int MaxSteps = 100_000;

    public static Command Create()
    {
        Option<string?> model = CommonOptions.Model();
        var prime = new Option<string?>("--prime") { Description = "A .mid, .midi or .json file to start from" };
        var primeData = new Option<string?>("--prime-data")
        {
            Description = "A dataset (pickle, MAT-file, MIDI folder or name) to take the primer from",
        };
        Option<string> primeSplit = DatasetOptions.SplitOption("--prime-split", "The split of --prime-data to take the primer from");
        var primeIndex = new Option<int>("--prime-index") { Description = "Which sequence of the split" }.AtLeast(0);
        var primeSteps = new Option<int>("--prime-steps")
        {
            Description = "Steps of the primer to use; 0 uses all of it",
            DefaultValueFactory = _ => 16,
        }.AtLeast(0);
        var steps = new Option<int>("--steps")
        {
            Description = $"Steps to generate, at most {MaxSteps:N0}",
            DefaultValueFactory = _ => 256,
        }.InRange(1, MaxSteps + 1);
        var temperature = new Option<float>("--temperature")
        {
            Description = "Below 1 sharpens the key probabilities, above 1 flattens them",
            DefaultValueFactory = _ => 1f,
        }.Above(0f);
        var maxNotes = new Option<int>("--max-notes") { Description = "Most keys sounding at once; 0 = no limit" }.AtLeast(0);
        Option<bool> avoidParallels = CommonOptions.AvoidParallels();
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draws", DefaultValueFactory = _ => 1 };
        var output = new SongOutputOptions("Also draw the roll as a PNG: the primer blue, the continuation orange");
        Option<int> threads = CommonOptions.Threads();
        Option<DeviceChoice> device = CommonOptions.Device();
        Option<MatrixPrecision> precision = CommonOptions.Precision();
        var datasets = new DatasetOptions();
        var command = new Command("generate", "Generate music: prime the model, then sample each next step")
        {
            model, prime, primeData, primeSplit, primeIndex, primeSteps, steps, temperature, maxNotes, avoidParallels, seed, threads, device, precision,
        };
        output.AddTo(command, datasets.StepsPerQuarter);
        datasets.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(prime) is not null && result.GetValue(primeData) is not null)
            {
                result.AddError("give --prime or --prime-data, not both");
            }
        });
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            Checkpoint checkpoint = ModelSource.Load(parse.GetValue(model));
            int? stepsPerQuarter = datasets.KnownStepsPerQuarter(parse, TrainingCheckpoint.ReadState(checkpoint));
            TimedPianoRoll primer = Primer(parse, datasets, stepsPerQuarter, prime, primeData, primeSplit, primeIndex, stderr);
            int primeLength = parse.GetValue(primeSteps) is > 0 and var n ? Math.Min(n, primer.Roll.Steps) : primer.Roll.Steps;
            PianoRoll start = primer.Roll.Slice(0, primeLength);

            using Backend backend = CommonOptions.CreateBackend(parse.GetValue(device), parse.GetValue(threads), stderr);
            using RollModel network = checkpoint.CreateModel(backend);
            using var sampler = new Sampler(network);
            PianoRoll continuation = sampler.Generate(start, parse.GetValue(steps), new SamplingOptions
            {
                Temperature = parse.GetValue(temperature), MaxNotes = parse.GetValue(maxNotes), Seed = parse.GetValue(seed),
                AvoidParallels = parse.GetValue(avoidParallels),
                Precision = parse.GetValue(precision),
            });
            var song = new TimedPianoRoll(PianoRoll.Concat(start, continuation), primer.StepsPerQuarter);
            output.Write(parse, song, $"{start.Steps} primer and {Counted.Of(continuation.Steps, "generated step")}",
                RollFiles.Picture(song, splitStep: start.Steps), stdout);
            if (ModelSource.Reference(parse, datasets, parse.GetValue(model), TrainingCheckpoint.ReadState(checkpoint), stderr) is { } reference)
            {
                PieceSummary.Write(stdout, continuation, reference);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The primer, on <paramref name="stepsPerQuarter"/> (given, or the grid the model learnt) when known: a MIDI file
    /// read on it, else on the grid the file records, else on the default, with what the grid lost told on stderr.
    /// </summary>
    private static TimedPianoRoll Primer(ParseResult parse, DatasetOptions datasets, int? stepsPerQuarter, Option<string?> prime,
        Option<string?> primeData, Option<string> primeSplit, Option<int> primeIndex, TextWriter stderr)
    {
        if (parse.GetValue(prime) is { } file)
        {
            return RollFiles.ReadForModel(file, stepsPerQuarter, stderr);
        }

        int grid = stepsPerQuarter ?? MidiRollReader.DefaultStepsPerQuarter;
        if (parse.GetValue(primeData) is not { } source)
        {
            return new TimedPianoRoll(new PianoRoll(0), grid);
        }

        PianoRollDataset dataset = datasets.Load(parse, source, seed: 1, stderr, stepsPerQuarter);
        if (dataset.StepsPerQuarter is { } own && own != grid)
        {
            // A dataset file's steps cannot be put on another grid; say so rather than let the primer's rhythm change unseen.
            stderr.WriteLine($"rollnet: {dataset.Source}: its pieces are on a grid of {Counted.Steps(own)} a quarter note "
                + $"and the model's is {grid}; the primer's steps are taken as the model's, so it plays {(own > grid ? "slower" : "faster")} than written");
        }

        string split = parse.GetValue(primeSplit)!;
        IReadOnlyList<PianoRoll> rolls = DatasetOptions.Split(dataset, split);
        int index = parse.GetValue(primeIndex);
        return index < rolls.Count
            ? new TimedPianoRoll(rolls[index], grid)
            : throw new DatasetException(dataset.Source, $"--prime-index {index} is past the {rolls.Count} sequences of its {split} split");
    }
}
