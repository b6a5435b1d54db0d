using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Gpu;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// What <c>harmonize</c> and <c>fill</c> share: read a roll, hold some of its keys, let the model draw the rest with
/// a <see cref="ConditionalSampler"/>, write the piece and say how likely the model found what it drew given what was
/// held, and how long that took. Given a set (<c>jsb:test</c>, a folder), it does so for every piece, writes them into
/// a folder and measures the model on the originals: how likely their free keys are given the held ones, and given
/// only what came before them.
/// </summary>
internal sealed class ConditionalCommand
{
    private readonly Option<string?> _model = CommonOptions.Model();
    private readonly Option<int> _particles = new Option<int>("--particles")
    {
        Description = "Candidate pieces drawn side by side and weighed by how well they fit what is held: more fit better and cost more",
        DefaultValueFactory = _ => 64,
    }.InRange(1, ConditionalSampler.MaxParticles + 1);
    private readonly Option<float> _temperature = new Option<float>("--temperature")
    {
        Description = "Below 1 sharpens the key probabilities, above 1 flattens them",
        DefaultValueFactory = _ => 1f,
    }.Above(0f);
    private readonly Option<ulong> _seed = new("--seed")
    {
        Description = "Seed of the draws (piece i of a set uses seed + i)",
        DefaultValueFactory = _ => 1,
    };
    private readonly Option<string?> _outDirectory = new("--out-dir")
    {
        Description = "With a set as input: the folder to write one MIDI file per piece into (made if missing)",
    };
    private readonly Option<bool> _avoidParallels = CommonOptions.AvoidParallels();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<DeviceChoice> _device = CommonOptions.Device();
    private readonly Option<MatrixPrecision> _precision = CommonOptions.Precision();
    private readonly SongOutputOptions _output = new("Also draw the roll as a PNG: the held notes blue, the drawn ones orange",
        midiRequired: false);
    private readonly DatasetOptions _datasets = new();

    /// <summary>
    /// A command <paramref name="name"/> that reads what <paramref name="input"/> names (a file, or a set of pieces)
    /// and holds what <paramref name="hold"/> makes of each piece, with a few words on what is held for the MIDI
    /// file's line; <paramref name="hold"/> throws <see cref="DatasetException"/> for a piece it cannot hold.
    /// </summary>
    public static Command Create(string name, string description, Option<string> input, IEnumerable<Option> options,
        Func<ParseResult, string, PianoRoll, (HeldKeys Held, string What)> hold)
    {
        var shared = new ConditionalCommand();
        var command = new Command(name, description) { input };
        foreach (Option option in options)
        {
            command.Options.Add(option);
        }

        foreach (Option option in new Option[] { shared._model, shared._particles, shared._temperature, shared._avoidParallels, shared._seed, shared._threads,
                     shared._device, shared._precision, shared._outDirectory })
        {
            command.Options.Add(option);
        }

        shared._output.AddTo(command, shared._datasets.StepsPerQuarter);
        shared._datasets.AddTo(command);
        command.Validators.Add(result =>
        {
            // Without the input there is nothing to tell about the output: the parser says the input is required.
            if (result.GetResult(input) is null)
            {
                return;
            }

            string given = result.GetValue(input) ?? "";
            bool isSet = !RollFiles.IsReadable(given) && DatasetSplitSpec.OnePiece(given) is null;
            if (isSet && result.GetValue(shared._outDirectory) is null)
            {
                result.AddError($"{result.GetValue(input)} is a set of pieces (not a .mid, .midi or .json file): give --out-dir");
            }
            else if (!isSet && result.GetValue(shared._output.Midi) is null)
            {
                result.AddError("give --out, the MIDI file to write");
            }
        });
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) => shared.Run(parse, input, hold, stdout, stderr)));
        return command;
    }

    private int Run(ParseResult parse, Option<string> input, Func<ParseResult, string, PianoRoll, (HeldKeys Held, string What)> hold,
        TextWriter stdout, TextWriter stderr)
    {
        string? modelPath = parse.GetValue(_model);
        Checkpoint checkpoint = ModelSource.Load(modelPath);
        TrainingState? training = TrainingCheckpoint.ReadState(checkpoint);
        int? grid = _datasets.KnownStepsPerQuarter(parse, training);
        string spec = parse.GetValue(input)!;
        DatasetSplitSpec? onePiece = DatasetSplitSpec.OnePiece(spec);
        RollSet? set = RollFiles.IsReadable(spec) || onePiece is not null ? null : RollSets.Read(spec, _datasets, parse, seed: 1, grid, stderr);
        TimedPianoRoll? given = set is not null ? null
            : onePiece is { Piece: { } index } ? PieceForModel(parse, onePiece, index, grid, stderr)
            : RollFiles.ReadForModel(spec, grid, stderr);
        var options = new ConditionalSamplingOptions
        {
            Particles = parse.GetValue(_particles), Temperature = parse.GetValue(_temperature), Seed = parse.GetValue(_seed),
            AvoidParallels = parse.GetValue(_avoidParallels),
            Precision = parse.GetValue(_precision),
        };

        using Backend backend = CommonOptions.CreateBackend(parse.GetValue(_device), parse.GetValue(_threads), stderr);
        using RollModel network = checkpoint.CreateModel(backend);
        using var sampler = new ConditionalSampler(network);
        if (set is not null)
        {
            int stepsPerQuarter = set.KnownGrid ?? grid ?? MidiRollReader.DefaultStepsPerQuarter;
            MeasureSet(parse, spec, set, stepsPerQuarter, hold, sampler, network, options, stdout, stderr);
            return 0;
        }

        (HeldKeys held, string what) = hold(parse, spec, given!.Roll);
        var clock = Stopwatch.StartNew();
        ConditionalPiece piece = sampler.Generate(held, options);
        double seconds = clock.Elapsed.TotalSeconds;

        var song = new TimedPianoRoll(piece.Roll, given.StepsPerQuarter);
        _output.Write(parse, song, what, RollFiles.Picture(song) with { Given = HeldOn(held) }, stdout);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drew {Counted.Steps(piece.FreeSteps)} with {Counted.Of(options.Particles, "particle")} in {seconds:0.00} s ({Counted.Of(piece.Resamplings, "resampling")}): "
            + $"{piece.FreeNllPerStep:0.000} nats a step for what it drew, given what was held (estimated)"));
        if (ModelSource.Reference(parse, _datasets, modelPath, training, stderr) is { } reference)
        {
            PieceSummary.Write(stdout, piece.Roll, reference);
        }

        return 0;
    }

    /// <summary>A dataset's piece for the model to work on: on its dataset's grid, which is told when not the model's.</summary>
    private TimedPianoRoll PieceForModel(ParseResult parse, DatasetSplitSpec spec, int index, int? grid, TextWriter stderr)
    {
        TimedPianoRoll piece = _datasets.LoadSplit(parse, spec, seed: 1, stderr, grid).Piece(index, spec.Split);
        RollFiles.TellOffGrid($"{spec.Dataset}:{spec.Split}:{index}", piece, grid, stderr);
        return piece;
    }

    /// <summary>
    /// Draws every piece of a set with its held keys (piece i with seed + i), writes each into the output folder (as
    /// "007.mid", or "007 elise.mid" for a piece read from elise.mid), and
    /// prints how the model did: held keys kept, its time, the likelihood of the originals' free keys given the held
    /// ones (estimated by the particles) and given only the past (exact), and how often its chords are the originals'.
    /// </summary>
    private void MeasureSet(ParseResult parse, string spec, RollSet set, int stepsPerQuarter,
        Func<ParseResult, string, PianoRoll, (HeldKeys Held, string What)> hold, ConditionalSampler sampler, RollModel network,
        ConditionalSamplingOptions options, TextWriter stdout, TextWriter stderr)
    {
        string folder = parse.GetValue(_outDirectory)!;
        Directory.CreateDirectory(folder);
        using var runner = new InferenceRunner(network);
        int pieces = 0, kept = 0, freeSteps = 0, sameChords = 0, soundingFreeSteps = 0;
        double conditional = 0, pastOnly = 0, seconds = 0;
        long particleSteps = 0;
        IReadOnlyList<PianoRoll> rolls = set.Rolls;
        for (int i = 0; i < rolls.Count; i++)
        {
            PianoRoll original = rolls[i];
            HeldKeys held;
            try
            {
                held = hold(parse, set.Files?[i] ?? $"{spec} piece {i}", original).Held;
            }
            catch (DatasetException e)
            {
                stderr.WriteLine($"rollnet: skipped {e.Message}");
                continue;
            }

            var clock = Stopwatch.StartNew();
            ConditionalPiece piece = sampler.Generate(held, options with { Seed = options.Seed + (ulong)i });
            seconds += clock.Elapsed.TotalSeconds;
            particleSteps += (long)options.Particles * original.Steps;
            // Numbered in the set's order, and named after the file each piece came from where there is one.
            string name = set.Files is { } files ? $"{i:000} {Path.GetFileNameWithoutExtension(files[i])}.mid" : $"{i:000}.mid";
            MidiRollWriter.Write(Path.Combine(folder, name), piece.Roll, stepsPerQuarter, parse.GetValue(_output.Tempo));

            // log p(original) splits into its free keys given the past and its held keys; log p(held) is the particles' estimate.
            double[] keys = Evaluation.KeyLogProbabilities(runner, original);
            double free = 0;
            for (int t = 0; t < original.Steps; t++)
            {
                for (int k = 0; k < PianoRoll.Keys; k++)
                {
                    free += held.IsHeld(t, k) ? 0 : keys[(t * PianoRoll.Keys) + k];
                }

                if (!held.IsStepHeld(t) && original.PitchesAt(t).Length > 0)
                {
                    soundingFreeSteps++;
                    sameChords += PitchClasses(piece.Roll, t) == PitchClasses(original, t) ? 1 : 0;
                }
            }

            conditional += -(keys.Sum() - piece.HeldLogProbability);
            pastOnly += -free;
            freeSteps += piece.FreeSteps;
            kept += held.AreKeptBy(piece.Roll) ? 1 : 0;
            pieces++;
        }

        if (pieces == 0)
        {
            throw new DatasetException(spec, "holds no piece to draw");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drew {freeSteps:N0} steps of {Counted.Pieces(pieces)} of {spec} into {folder} with {options.Particles} particles in "
            + $"{seconds:0.0} s ({particleSteps / seconds:N0} particle-steps a second)"));
        stdout.WriteLine($"every held key kept in {kept} of {Counted.Pieces(pieces)}");
        // The particles estimate the held keys' likelihood under the model at the draw's temperature, the originals' is
        // the model's own: the two compare at temperature 1 only.
        string givenHeld = options.Temperature == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{conditional / freeSteps:0.000} given every held key (estimated)")
            : "given every held key only at temperature 1";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the originals' drawn keys, nats a step: {givenHeld}, {pastOnly / freeSteps:0.000} given only what came before them"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steps whose pitch classes are the original's: {100.0 * sameChords / Math.Max(soundingFreeSteps, 1):0.0} % of {soundingFreeSteps:N0}"));
    }

    // The set of pitch classes sounding at a step, as 12 bits.
    private static int PitchClasses(PianoRoll roll, int step) =>
        roll.PitchesAt(step).Aggregate(0, (bits, pitch) => bits | (1 << (pitch % 12)));

    private static PianoRoll HeldOn(HeldKeys held)
    {
        var roll = new PianoRoll(held.Steps);
        for (int t = 0; t < held.Steps; t++)
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                roll[t, k] = held.IsHeldOn(t, k);
            }
        }

        return roll;
    }
}
