using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Gpu;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// What <c>harmonize</c> and <c>fill</c> share: read a roll, hold some of its keys, let the model draw the rest with
/// a <see cref="ConditionalSampler"/>, write the piece and say how likely the model found what it drew given what was
/// held, and how long that took.
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
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed of the draws", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<DeviceChoice> _device = CommonOptions.Device();
    private readonly Option<MatrixPrecision> _precision = CommonOptions.Precision();
    private readonly SongOutputOptions _output = new("Also draw the roll as a PNG: the held notes blue, the drawn ones orange");
    private readonly DatasetOptions _datasets = new();

    /// <summary>
    /// A command <paramref name="name"/> that reads the file <paramref name="input"/> names and holds what
    /// <paramref name="hold"/> makes of it (with a few words on what is held, for the MIDI file's line).
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

        foreach (Option option in new Option[] { shared._model, shared._particles, shared._temperature, shared._seed, shared._threads,
                     shared._device, shared._precision })
        {
            command.Options.Add(option);
        }

        shared._output.AddTo(command);
        shared._datasets.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) => shared.Run(parse, input, hold, stdout, stderr)));
        return command;
    }

    private int Run(ParseResult parse, Option<string> input, Func<ParseResult, string, PianoRoll, (HeldKeys Held, string What)> hold,
        TextWriter stdout, TextWriter stderr)
    {
        string? modelPath = parse.GetValue(_model);
        Checkpoint checkpoint = ModelSource.Load(modelPath);
        TrainingState? training = TrainingCheckpoint.ReadState(checkpoint);
        string path = parse.GetValue(input)!;
        TimedPianoRoll given = RollFiles.ReadForModel(path, _datasets.KnownStepsPerQuarter(parse, training), stderr);
        (HeldKeys held, string what) = hold(parse, path, given.Roll);
        var options = new ConditionalSamplingOptions
        {
            Particles = parse.GetValue(_particles), Temperature = parse.GetValue(_temperature), Seed = parse.GetValue(_seed),
            Precision = parse.GetValue(_precision),
        };

        using Backend backend = CommonOptions.CreateBackend(parse.GetValue(_device), parse.GetValue(_threads), stderr);
        using RollModel network = checkpoint.CreateModel(backend);
        using var sampler = new ConditionalSampler(network);
        var clock = Stopwatch.StartNew();
        ConditionalPiece piece = sampler.Generate(held, options);
        double seconds = clock.Elapsed.TotalSeconds;

        var song = new TimedPianoRoll(piece.Roll, given.StepsPerQuarter);
        _output.Write(parse, song, what, RollFiles.Picture(song) with { Given = HeldOn(held) }, stdout);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drew {piece.FreeSteps} steps with {options.Particles} particles in {seconds:0.00} s ({piece.Resamplings} resamplings): "
            + $"{piece.FreeNllPerStep:0.000} nats a step for what it drew, given what was held (estimated)"));
        if (ModelSource.Reference(parse, _datasets, modelPath, training, stderr) is { } reference)
        {
            PieceSummary.Write(stdout, piece.Roll, reference);
        }

        return 0;
    }

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
