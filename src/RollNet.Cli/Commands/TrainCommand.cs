using System.CommandLine;
using System.Globalization;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Gpu;
using RollNet.Heads;
using RollNet.IO;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Training;
using Spectre.Console;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet train</c>: trains a model on a dataset into an output folder, with a progress bar per epoch.</summary>
internal static class TrainCommand
{
    private const string Columns = "epoch  train loss  valid loss  strict acc  Bay acc  seconds        lr";

    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "A dataset pickle or MAT-file, a folder of MIDI files, or a dataset name (jsb, nottingham, musedata, piano-midi)",
            Required = true,
        };
        var datasets = new DatasetOptions();
        var layers = new Option<int>("--layers") { Description = "LSTM layers", DefaultValueFactory = _ => 2 }
            .InRange(1, ModelConfig.MaxLayers + 1);
        var hidden = new Option<int>("--hidden") { Description = "Units per LSTM layer", DefaultValueFactory = _ => 1024 }
            .InRange(1, ModelConfig.MaxHiddenSize + 1);
        var dropout = new Option<float>("--dropout") { Description = "Dropout after each LSTM layer", DefaultValueFactory = _ => 0.5f }
            .InRange(0f, 1f);
        var head = new Option<string>("--head")
        {
            Description = $"Output head: {string.Join(", ", HeadCatalog.All.Select(kind => kind.Summary))}",
            DefaultValueFactory = _ => HeadCatalog.Default.Name,
        }.OneOf([.. HeadCatalog.All.Select(kind => kind.Name)]);
        HeadSettingOptions headSettings = new();
        var epochs = new Option<int>("--epochs") { Description = "Epochs in all", DefaultValueFactory = _ => 40 }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Sequences per batch", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var bptt = new Option<int>("--bptt")
        {
            Description = "Steps per truncated-BPTT chunk; 0 backpropagates through whole sequences",
        }.AtLeast(0);
        var maxSteps = new Option<int>("--max-steps")
        {
            Description = "Cut training sequences longer than this many steps; 0 keeps them whole",
        }.AtLeast(0);
        var learningRate = new Option<float>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3f }.Above(0f);
        var optimizer = new Option<OptimizerKind>("--optimizer")
        {
            Description = "adam or sgd (with momentum 0.9)",
            DefaultValueFactory = _ => OptimizerKind.Adam,
        }.Named();
        var clip = new Option<float>("--clip")
        {
            Description = "Largest gradient norm; 0 turns clipping off",
            DefaultValueFactory = _ => 5f,
        }.AtLeast(0f);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, dropout, batch order and MIDI split", DefaultValueFactory = _ => 1 };
        var patience = new Option<int>("--patience")
        {
            Description = "Stop after this many epochs without a lower validation loss; 0 never stops early",
            DefaultValueFactory = _ => 5,
        }.AtLeast(0);
        var decay = new Option<float>("--lr-decay")
        {
            Description = "Multiply the learning rate by this after every --lr-patience epochs without a lower validation loss",
            DefaultValueFactory = _ => 1f,
        }.Above(0f).AtMost(1f);
        var decayPatience = new Option<int>("--lr-patience")
        {
            Description = "Epochs without a lower validation loss before each --lr-decay; 0 never decays",
        }.AtLeast(0);
        var outputBias = new Option<OutputBiasStart>("--output-bias")
        {
            Description = "Where a new model's output biases start: frequencies (the log-odds of how often each key sounds in the training set) or zero",
            DefaultValueFactory = _ => OutputBiasStart.Frequencies,
        }.Named();
        var transpose = new Option<int>("--transpose")
        {
            Description = "Move each training sequence by a random number of semitones, at most this many up or down, drawn afresh each epoch; 0 never",
        }.InRange(0, PianoRoll.Keys);
        Option<int> threads = CommonOptions.Threads();
        Option<DeviceChoice> device = CommonOptions.Device();
        var output = new Option<string>("--out") { Description = "Folder for best.rollnet, last.rollnet, metrics.csv and curves.png", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last.rollnet" };
        var init = new Option<string?>("--init")
        {
            Description = "Start from this model's weights instead of random ones, with a fresh optimizer, to train it further "
                + "on other music: chorales or piano (the bundled models) or a checkpoint. Its shape and head are the model's "
                + "(--dropout may change); MIDI files are read at the grid it learnt unless --steps-per-quarter says otherwise",
            HelpName = "chorales|piano|PATH",
        };

        var keep = new Option<string>("--keep")
        {
            Description = "The model best.rollnet holds: valid, the epoch with the lowest validation loss; last, the last epoch "
                + "(for music whose validation split says little, such as a model's own music to train it further on)",
            DefaultValueFactory = _ => "valid",
        }.OneOf("valid", "last");

        var command = new Command("train", "Train a model on a dataset; Ctrl-C saves a checkpoint to resume from")
        {
            data, layers, hidden, dropout, head, epochs, batch, bptt, maxSteps, learningRate, optimizer, clip, seed, patience,
            decay, decayPatience, outputBias, transpose, threads, device, output, resume, init, keep,
        };
        headSettings.AddTo(command);
        datasets.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            string? initName = parse.GetValue(init);
            bool resuming = parse.GetValue(resume);
            Checkpoint? startFrom = null;
            if (initName is not null)
            {
                if (resuming)
                {
                    throw new ArgumentException("--init starts a new run from a model; --resume continues the run in --out");
                }

                foreach (Option shape in new Option[] { layers, hidden, head, outputBias }.Concat(headSettings.All))
                {
                    if (parse.IsGiven(shape))
                    {
                        throw new ArgumentException($"{shape.Name} cannot be given with --init: the model to start from has its own");
                    }
                }

                startFrom = ModelSource.Load(initName);
            }

            // A resumed run keeps its model, optimizer, seed and settings; what its checkpoint does not record (a run
            // from before it recorded its settings) comes from the command line.
            ResumedRun? resumed = resuming ? ResumedRun.Read(parse.GetValue(output)!) : null;
            TrainingSettings? recorded = resumed?.State.Settings;
            T Setting<T>(Option<T> option, Func<TrainingSettings, T> value) =>
                recorded is null ? parse.GetValue(option)! : resumed!.Agreed(parse, option, value(recorded));
            T Plan<T>(Option<T> option, Func<TrainingSettings, T> value) =>
                recorded is null ? parse.GetValue(option)! : parse.GivenOr(option, value(recorded));

            ModelConfig Described() => new(parse.GetValue(layers), parse.GetValue(hidden), parse.GetValue(dropout),
                Head: headSettings.Options(parse, parse.GetValue(head)!));
            if (resumed is not null)
            {
                resumed.Agreed(parse, layers, resumed.Config.Layers);
                resumed.Agreed(parse, hidden, resumed.Config.HiddenSize);
                resumed.Agreed(parse, dropout, resumed.Config.Dropout);
                resumed.Agreed(parse, head, resumed.Config.Head.Name);
                resumed.RequireHead(parse, headSettings.All, () => headSettings.Options(parse, resumed.Config.Head.Name));
            }

            var options = new TrainingRunOptions
            {
                Model = resumed?.Config ?? (startFrom is null
                    ? Described()
                    : startFrom.Config with
                    {
                        Dropout = parse.GivenOr(dropout, startFrom.Config.Dropout),
                    }),
                StartFrom = startFrom,
                Trainer = new TrainerOptions
                {
                    Optimizer = resumed?.Agreed(parse, optimizer, resumed.State.Optimizer) ?? parse.GetValue(optimizer),
                    LearningRate = Setting(learningRate, run => run.LearningRate),
                    ClipNorm = Setting(clip, run => run.ClipNorm),
                    BpttSteps = Setting(bptt, run => run.BpttSteps),
                    Seed = resumed?.Agreed(parse, seed, resumed.State.Seed) ?? parse.GetValue(seed),
                },
                Epochs = Plan(epochs, run => run.Epochs),
                BatchSize = Setting(batch, run => run.BatchSize),
                MaxSteps = Setting(maxSteps, run => run.MaxSteps),
                Patience = Plan(patience, run => run.Patience),
                LearningRateDecay = Setting(decay, run => run.LearningRateDecay),
                DecayPatience = Setting(decayPatience, run => run.DecayPatience),
                OutputBias = parse.GetValue(outputBias),
                Transpose = Setting(transpose, run => run.Transpose),
                Keep = Setting(keep, run => run.Keep == KeptModel.LastEpoch ? "last" : "valid") == "last"
                    ? KeptModel.LastEpoch
                    : KeptModel.LowestValidationLoss,
            };

            // The music is read as the run or the model it starts from learnt it: at its grid, and as top voices.
            TrainingState? learnt = resumed?.State ?? (startFrom is null ? null : TrainingCheckpoint.ReadState(startFrom));
            int? modelGrid = learnt?.StepsPerQuarter;
            PianoRollDataset dataset = datasets.Load(parse, parse.GetValue(data)!, options.Trainer.Seed, stderr, modelGrid,
                topVoice: resumed?.State.TopVoice == true);
            if (startFrom is not null && modelGrid is { } learntGrid && dataset.StepsPerQuarter is { } grid && grid != learntGrid)
            {
                throw new ArgumentException(
                    $"--init {initName} learnt {learntGrid} steps a quarter note and {dataset.Name} has {grid}: train it on music at its own grid");
            }

            using Backend backend = CommonOptions.CreateBackend(parse.GetValue(device), parse.GetValue(threads), stderr);
            var run = new TrainingRun(backend, dataset, parse.GetValue(output)!, options);
            string from = resumed is { State: var at }
                ? $", resuming after epoch {at.Epoch}{(at.EpochBatches > 0 ? $" and {at.EpochBatches} batches" : "")} of {options.Epochs}"
                : initName is null ? "" : $", starting from {ModelSource.Describe(initName)}";
            stdout.WriteLine(
                $"training on {dataset.Name}: {dataset.Train.Count} train and {dataset.Valid.Count} valid sequences, into {run.OutputDirectory}{from}");
            return Train(run, resuming, resumed?.Last, stdout, stderr);
        }));
        return command;
    }

    // last: last.rollnet where the command has read it already, so that the run does not read it again.
    private static int Train(TrainingRun run, bool resume, Checkpoint? last, TextWriter stdout, TextWriter stderr)
    {
        using var cancellation = new CancellationTokenSource();

        // The first Ctrl-C asks for a clean stop after the current batch; a second one kills the process.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            IAnsiConsole console = Terminal.For(stdout);
            // The library trains without drawing; the curves are redrawn here as soon as metrics.csv has each epoch
            // (and what a killed run left of a drawing is removed first, as the run does for its own files).
            AtomicFile.RemoveLeftovers(Path.Combine(run.OutputDirectory, LearningCurves.FileName));
            // Where the tool carries no picture library the run goes on without its curves, and says so once.
            bool drawCurves = true;
            run.MetricsWritten += history =>
            {
                try
                {
                    if (drawCurves)
                    {
                        LearningCurves.Write(Path.Combine(run.OutputDirectory, LearningCurves.FileName), history);
                    }
                }
                catch (Exception e) when (CommandAction.MissingNativeLibrary(e) is { } missing)
                {
                    drawCurves = false;
                    stderr.WriteLine($"rollnet: {missing}; training goes on without {LearningCurves.FileName}");
                }
            };
            bool printedColumns = false;
            run.EpochCompleted += (record, state) =>
            {
                // Printed with the first epoch rather than at once, so that a run refused at the start prints only its error.
                if (!printedColumns)
                {
                    console.WriteLine(Columns);
                    printedColumns = true;
                }

                console.WriteLine(Format(record, state));
            };
            TrainingRunResult result = Terminal.IsInteractive(stdout)
                ? WithProgressBars(console, run, resume, last, cancellation.Token)
                : run.Run(resume, last, cancellation.Token);
            return Report(result, run.OutputDirectory, stdout, stderr);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static TrainingRunResult WithProgressBars(IAnsiConsole console, TrainingRun run, bool resume, Checkpoint? last,
        CancellationToken cancellationToken) =>
        console.Progress()
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                int epoch = 0;
                run.BatchCompleted += progress =>
                {
                    if (progress.Epoch != epoch)
                    {
                        task?.StopTask();
                        task = context.AddTask($"epoch {progress.Epoch}", maxValue: progress.Batches);
                        epoch = progress.Epoch;
                    }

                    task!.Value = progress.Batch;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"epoch {progress.Epoch}  loss {progress.TrainLoss:F3}");
                };
                return run.Run(resume, last, cancellationToken);
            });

    private static string Format(EpochRecord r, TrainingState state) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Epoch,5}  {r.TrainLoss,10:F4}  {r.ValidLoss,10:F4}  {r.ValidStrictAccuracy,10:F4}  {r.ValidBayAccuracy,7:F4}  {r.Seconds,7:F1}  {state.LearningRate,8:G3}{(state.EpochsWithoutImprovement == 0 ? "  best" : "")}");

    private static int Report(TrainingRunResult result, string folder, TextWriter stdout, TextWriter stderr)
    {
        string which = result.Keep == KeptModel.LastEpoch ? "last" : "best";
        string best = result.Kept is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{which} epoch {b.Epoch}, valid loss {b.ValidLoss:F4}, in {Path.Combine(folder, TrainingRun.BestFileName)}")
            : "no epoch finished";
        switch (result.Outcome)
        {
            case TrainingOutcome.NonFiniteLoss or TrainingOutcome.Diverged:
                stderr.WriteLine(result.State.Epoch > 0
                    ? $"rollnet: training stopped: {result.Problem}; the checkpoints in {folder} are those of epoch {result.State.Epoch}"
                    : $"rollnet: training stopped: {result.Problem}; no epoch finished, so {folder} holds no checkpoint of one");
                return 1;
            case TrainingOutcome.Cancelled:
                stdout.WriteLine(
                    $"interrupted in epoch {result.State.Epoch + 1} after {result.State.EpochBatches} batches; saved {Path.Combine(folder, TrainingRun.LastFileName)}, continue with --resume; {best}");
                return 0;
            case TrainingOutcome.EarlyStopped:
                stdout.WriteLine($"stopped early after epoch {result.State.Epoch}: {best}");
                return 0;
            default:
                stdout.WriteLine($"done after epoch {result.State.Epoch}: {best}");
                return 0;
        }
    }
}
