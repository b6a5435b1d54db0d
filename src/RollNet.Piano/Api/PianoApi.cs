using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Model;
using RollNet.Piano.Generation;
using RollNet.Piano.Server;
using RollNet.Training;

namespace RollNet.Piano.Api;

/// <summary>
/// The JSON endpoints of NeuralPiano. Rolls travel as <c>rollnet convert</c>'s JSON frames, and every check a
/// request fails becomes a <see cref="BadRequestException"/> (a 400 with <c>{"error": …}</c>).
/// </summary>
internal sealed class PianoApi
{
    private const string MidiContentType = "audio/midi";
    private const string Request = "request";

    // A tempo range any player handles; the MIDI format itself allows far more.
    private const double MinTempo = 10, MaxTempo = 1000;

    // As many particles as rollnet harmonize and fill draw by default.
    private const int DefaultParticles = 64;

    private readonly GeneratorPool _generators;
    private readonly PianoLimits _limits;

    // By the index of the model in the generator pool, the one the page opens with first.
    private readonly ModelDescription[] _descriptions;

    public PianoApi(GeneratorPool generators, IReadOnlyList<PianoModel> models, PianoLimits limits)
    {
        (_generators, _limits) = (generators, limits);
        ModelChoice[] choices = [.. models.Select(Choice)];
        _descriptions = [.. models.Select((m, i) => Describe(m, choices[i], generators.Device, limits, choices))];
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/model", (HttpContext context) =>
            Results.Json(_descriptions[ModelIndex(context.Request.Query.TryGetValue("id", out var id) ? id.ToString() : null)],
                PianoJsonContext.Default.ModelDescription));
        routes.MapPost("/api/generate", (Func<HttpContext, Task<IResult>>)GenerateAsync);
        routes.MapPost("/api/harmonize", (Func<HttpContext, Task<IResult>>)HarmonizeAsync);
        routes.MapPost("/api/fill", (Func<HttpContext, Task<IResult>>)FillAsync);
        routes.MapPost("/api/midi/import", (Func<HttpContext, Task<IResult>>)ImportAsync);
        routes.MapPost("/api/midi/export", (Func<HttpContext, Task<IResult>>)ExportAsync);
    }

    private async Task<IResult> GenerateAsync(HttpContext context)
    {
        GenerateRequest request = await RequestBody.ReadJsonAsync(context.Request, _limits.MaxBodyBytes,
            PianoJsonContext.Default.GenerateRequest, context.RequestAborted);
        PianoRoll primer = Roll(request.Frames);
        int steps = request.Steps ?? throw new BadRequestException("missing \"steps\"");
        if (steps < 1 || steps > _limits.MaxSteps)
        {
            throw new BadRequestException($"steps must be between 1 and {_limits.MaxSteps} but is {steps}");
        }

        float temperature = Temperature(request.Temperature);
        int maxNotes = request.MaxNotes ?? 0;
        if (maxNotes < 0)
        {
            throw new BadRequestException($"maxNotes must be 0 (no limit) or more but is {maxNotes}");
        }

        var options = new SamplingOptions
        {
            Temperature = temperature, Seed = request.Seed ?? 1, MaxNotes = maxNotes, AvoidParallels = request.AvoidParallels ?? false,
        };
        PianoRoll continuation = await _generators.GenerateAsync(ModelIndex(request.Model), primer, steps, options,
            context.RequestAborted);
        return Results.Json(new RollResponse(null, PianoRollJson.Frames(continuation)), PianoJsonContext.Default.RollResponse);
    }

    private async Task<IResult> HarmonizeAsync(HttpContext context)
    {
        HarmonizeRequest request = await RequestBody.ReadJsonAsync(context.Request, _limits.MaxBodyBytes,
            PianoJsonContext.Default.HarmonizeRequest, context.RequestAborted);
        PianoRoll melody = Roll(request.Frames);
        if (!melody.Notes().Any())
        {
            throw new BadRequestException("the roll holds no note to harmonize");
        }

        bool holdRests = request.Rests switch
        {
            null or "free" => false,
            "hold" => true,
            _ => throw new BadRequestException($"rests must be \"free\" or \"hold\" but is \"{request.Rests}\""),
        };
        ConditionalSamplingOptions options = ConditionalOptions(request.Particles, request.Temperature, request.Seed, melody.Steps)
            with { AvoidParallels = request.AvoidParallels ?? false };
        return await ConditionalAsync(ModelIndex(request.Model), HeldKeys.TopVoice(melody, holdRests), options,
            context.RequestAborted);
    }

    private async Task<IResult> FillAsync(HttpContext context)
    {
        FillRequest request = await RequestBody.ReadJsonAsync(context.Request, _limits.MaxBodyBytes,
            PianoJsonContext.Default.FillRequest, context.RequestAborted);
        PianoRoll roll = Roll(request.Frames);
        int from = request.From ?? throw new BadRequestException("missing \"from\"");
        int to = request.To ?? throw new BadRequestException("missing \"to\"");
        if (from >= to)
        {
            throw new BadRequestException($"from must be before to but the span is {from} to {to}");
        }

        if (from < 0 || to > roll.Steps)
        {
            throw new BadRequestException($"the span {from} to {to} is not inside the roll's {roll.Steps} steps");
        }

        ConditionalSamplingOptions options = ConditionalOptions(request.Particles, request.Temperature, request.Seed, roll.Steps)
            with { AvoidParallels = request.AvoidParallels ?? false };
        return await ConditionalAsync(ModelIndex(request.Model), HeldKeys.Around(roll, from, to), options, context.RequestAborted);
    }

    private async Task<IResult> ConditionalAsync(int model, HeldKeys held, ConditionalSamplingOptions options,
        CancellationToken cancellationToken)
    {
        ConditionalPiece piece = await _generators.GenerateConditionalAsync(model, held, options, cancellationToken);
        double nll = piece.FreeNllPerStep;
        return Results.Json(new ConditionalResponse(PianoRollJson.Frames(piece.Roll), double.IsFinite(nll) ? nll : null),
            PianoJsonContext.Default.ConditionalResponse);
    }

    /// <summary>
    /// The particles, temperature and seed of a harmonize or fill request over <paramref name="steps"/> steps, checked:
    /// every particle goes through every step, so their product is bounded as well as the particles.
    /// </summary>
    private ConditionalSamplingOptions ConditionalOptions(int? particles, float? temperature, ulong? seed, int steps)
    {
        int count = particles ?? DefaultParticles;
        if (count < 1 || count > _limits.MaxParticles)
        {
            throw new BadRequestException($"particles must be between 1 and {_limits.MaxParticles} but is {count}");
        }

        if ((long)count * steps > _limits.MaxParticleSteps)
        {
            throw new BadRequestException(string.Create(CultureInfo.InvariantCulture,
                $"{count} particles over {steps} steps are {(long)count * steps:N0} particle-steps, more than the "
                + $"{_limits.MaxParticleSteps:N0} allowed: use fewer particles or a shorter roll"));
        }

        return new ConditionalSamplingOptions { Particles = count, Temperature = Temperature(temperature), Seed = seed ?? 1 };
    }

    private static float Temperature(float? requested)
    {
        float temperature = requested ?? 1f;
        return temperature > 0 && float.IsFinite(temperature)
            ? temperature
            : throw new BadRequestException($"temperature must be above 0 but is {temperature.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task<IResult> ImportAsync(HttpContext context)
    {
        RequestBody.RequireType(context.Request, MidiContentType);
        int? asked = StepsPerQuarterQuery(context.Request);
        int preferred = ModelIndex(context.Request.Query.TryGetValue("model", out var model) ? model.ToString() : null);
        byte[] body = await RequestBody.ReadAsync(context.Request, _limits.MaxBodyBytes, context.RequestAborted);
        if (body.Length == 0)
        {
            throw new BadRequestException("the request body is empty; expected a MIDI file");
        }

        // The grid asked for, else that of the model whose grid loses fewest notes: the one the file records when a
        // model has it, else the preferred model's when it loses no more than another's.
        int[] grids = [.. _descriptions.Select(d => d.StepsPerQuarter)];
        (grids[0], grids[preferred]) = (grids[preferred], grids[0]);
        MidiRollReading midi = await _generators.ConvertAsync(() =>
        {
            try
            {
                // A piece past the frame limit is refused before its roll is made, so a small file timed to a
                // million steps costs no more than one that fits.
                var bytes = new MemoryStream(body, writable: false);
                return asked is { } grid
                    ? MidiRollReader.ReadWithReport(bytes, Request, grid, maxSteps: _limits.MaxFrames)
                    : MidiRollReader.ReadOnFewestLosses(bytes, Request, grids, _limits.MaxFrames);
            }
            catch (DatasetException e)
            {
                throw new BadRequestException(e.Problem);
            }
        }, context.RequestAborted);

        // The preferred model keeps the roll when its grid is the one read on.
        string chosen = _descriptions[preferred].StepsPerQuarter == midi.StepsPerQuarter
            ? _descriptions[preferred].Id
            : _descriptions.FirstOrDefault(d => d.StepsPerQuarter == midi.StepsPerQuarter)?.Id ?? _descriptions[preferred].Id;
        return Results.Json(new RollResponse(midi.StepsPerQuarter, PianoRollJson.Frames(midi.Roll),
            QuantisationResponse.Of(midi.Quantisation), chosen), PianoJsonContext.Default.RollResponse);
    }

    private async Task<IResult> ExportAsync(HttpContext context)
    {
        ExportRequest request = await RequestBody.ReadJsonAsync(context.Request, _limits.MaxBodyBytes,
            PianoJsonContext.Default.ExportRequest, context.RequestAborted);
        PianoRoll roll = Roll(request.Frames);
        int stepsPerQuarter = request.StepsPerQuarter ?? _descriptions[0].StepsPerQuarter;
        if (!MidiRollWriter.Writes(stepsPerQuarter))
        {
            throw new BadRequestException(
                $"stepsPerQuarter must divide {MidiRollWriter.TicksPerQuarter} but is {stepsPerQuarter}");
        }

        double tempo = request.Tempo ?? MidiRollWriter.DefaultBeatsPerMinute;
        if (!(tempo >= MinTempo && tempo <= MaxTempo))
        {
            throw new BadRequestException(
                $"tempo must be between {MinTempo} and {MaxTempo} quarter notes per minute but is {tempo.ToString(CultureInfo.InvariantCulture)}");
        }

        byte[] file = await _generators.ConvertAsync(() =>
        {
            using var midi = new MemoryStream();
            MidiRollWriter.Write(midi, roll, stepsPerQuarter, tempo);
            return midi.ToArray();
        }, context.RequestAborted);
        return Results.File(file, MidiContentType, "neuralpiano.mid");
    }

    private PianoRoll Roll(int[]?[]? frames)
    {
        if (frames is null)
        {
            throw new BadRequestException("missing \"frames\"");
        }

        if (frames.Length > _limits.MaxFrames)
        {
            throw new BadRequestException($"the roll has {frames.Length} steps, more than the {_limits.MaxFrames} allowed");
        }

        try
        {
            return PianoRollJson.FromFrames(frames, Request);
        }
        catch (DatasetException e)
        {
            throw new BadRequestException(e.Problem);
        }
    }

    private static int? StepsPerQuarterQuery(HttpRequest request)
    {
        if (!request.Query.TryGetValue("stepsPerQuarter", out var values))
        {
            return null;
        }

        return int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 96
            ? value
            : throw new BadRequestException($"stepsPerQuarter must be a whole number from 1 to 96 but is \"{values}\"");
    }

    /// <summary>The index of the model called <paramref name="id"/>, the first when it is null; a 400 when there is none.</summary>
    private int ModelIndex(string? id)
    {
        if (id is null)
        {
            return 0;
        }

        int index = Array.FindIndex(_descriptions, d => d.Id == id);
        return index >= 0
            ? index
            : throw new BadRequestException(
                $"there is no model \"{id}\"; the models are {string.Join(", ", _descriptions.Select(d => d.Id))}");
    }

    private static ModelChoice Choice(PianoModel model)
    {
        TrainingState? training = TrainingCheckpoint.ReadState(model.Checkpoint);
        // A model trained further on other music names all it learnt, in order: "JSB Chorales, then mine".
        string[] learnt = [.. (training?.Stages() ?? []).TakeWhile(stage => stage.Data is not null).Reverse()
            .Select(stage => DatasetCatalog.Find(stage.Data!)?.Title ?? stage.Data!)];
        string? trainedOn = learnt.Length > 0 ? string.Join(", then ", learnt) : null;
        return new ModelChoice(model.Id, model.Name, trainedOn, training?.StepsPerQuarter ?? MidiRollReader.DefaultStepsPerQuarter);
    }

    private static ModelDescription Describe(PianoModel model, ModelChoice choice, string device, PianoLimits limits,
        ModelChoice[] choices)
    {
        ModelConfig config = model.Checkpoint.Config;
        TrainingState? training = TrainingCheckpoint.ReadState(model.Checkpoint);
        return new ModelDescription(
            model.Id, model.Name, config.Layers, config.HiddenSize, config.Dropout, config.Head.Name,
            config.Head.Description, config.ParameterCount(), choice.TrainedOn,
            choice.StepsPerQuarter, training?.Epoch, training?.BestValidationLoss, device, limits.MaxSteps, limits.MaxFrames,
            limits.MaxBodyBytes, limits.MaxParticles, limits.MaxParticleSteps, choices);
    }
}
