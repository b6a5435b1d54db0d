using System.Diagnostics;
using RollNet.Compute;
using RollNet.Data;
using RollNet.Inference;
using RollNet.IO;
using RollNet.Model;

namespace RollNet.Training;

/// <summary>
/// Trains a model on a dataset epoch by epoch, as the paper does: batches of similar-length sequences in an order
/// shuffled per epoch, validation after each epoch, early stopping on the validation loss. Everything it keeps
/// lives in its output folder: <see cref="BestFileName"/>, <see cref="LastFileName"/> and <see cref="MetricsFileName"/>.
/// </summary>
/// <remarks>
/// A resumed run continues from last.rollnet (parameters, optimizer state, counters and the run's settings, all but
/// the count of epochs and the patience taken from there rather than from the options) and reaches bit for bit the
/// parameters of a run that was never interrupted: the weights, the dropout masks, each epoch's batch order and its
/// transpositions are functions of the seed and the epoch or update count alone.
/// </remarks>
public sealed class TrainingRun
{
    /// <summary>
    /// The model the run keeps (model and training state, no optimizer state): the epoch with the lowest validation
    /// loss so far, or the last epoch (<see cref="TrainingRunOptions.Keep"/>).
    /// </summary>
    public const string BestFileName = "best.rollnet";

    /// <summary>The checkpoint to resume from: model, optimizer state and training state after the last epoch or batch.</summary>
    public const string LastFileName = "last.rollnet";

    /// <summary>One line per epoch: epoch, train_loss, valid_loss, valid_strict_accuracy, valid_bay_accuracy, seconds.</summary>
    public const string MetricsFileName = "metrics.csv";

    // Held while a run trains in the folder.
    private const string LockFileName = "run.lock";

    private readonly Backend _backend;
    private readonly PianoRollDataset _dataset;
    private readonly TrainingRunOptions _options;

    /// <summary>A run of <paramref name="options"/> on <paramref name="dataset"/> that writes into <paramref name="outputDirectory"/>.</summary>
    public TrainingRun(Backend backend, PianoRollDataset dataset, string outputDirectory, TrainingRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        (_backend, _dataset, OutputDirectory, _options) = (backend, dataset, outputDirectory, options.Validate());
    }

    /// <summary>Raised after every training batch.</summary>
    public event Action<BatchProgress>? BatchCompleted;

    /// <summary>
    /// Raised after every epoch as soon as metrics.csv holds its record, before the checkpoints are written, with
    /// every epoch's record so far (those of the runs resumed too): the moment to draw learning curves.
    /// </summary>
    public event Action<IReadOnlyList<EpochRecord>>? MetricsWritten;

    /// <summary>Raised after every epoch, once its checkpoints are written, with the state saved in last.rollnet.</summary>
    public event Action<EpochRecord, TrainingState>? EpochCompleted;

    /// <summary>The folder the run writes its checkpoints and metrics to.</summary>
    public string OutputDirectory { get; }

    /// <summary>
    /// Trains until the last epoch, early stopping, cancellation (after the current batch, saving last.rollnet) or a
    /// non-finite loss (keeping the checkpoints of the last good epoch). With <paramref name="resume"/> it continues
    /// from last.rollnet in the output folder, with the model, optimizer and settings recorded there
    /// (<see cref="TrainingState.Settings"/>) and the options' <see cref="TrainingRunOptions.Epochs"/> and
    /// <see cref="TrainingRunOptions.Patience"/>; without, it refuses a folder that already holds a run. Throws
    /// <see cref="CheckpointException"/> when last.rollnet cannot be resumed, <see cref="IOException"/> when a file
    /// cannot be written, and <see cref="ArgumentException"/> when the dataset has no train or valid sequence of two
    /// frames or more.
    /// </summary>
    public TrainingRunResult Run(bool resume = false, CancellationToken cancellationToken = default) =>
        Run(resume, read: null, cancellationToken);

    /// <summary>
    /// As <see cref="Run(bool, CancellationToken)"/>; with <paramref name="resume"/>, <paramref name="read"/> is
    /// last.rollnet as the caller already read it with <see cref="TrainingCheckpoint.Load(string)"/>, or null to read
    /// it here.
    /// </summary>
    internal TrainingRunResult Run(bool resume, Checkpoint? read, CancellationToken cancellationToken)
    {
        int trainable = _dataset.Train.Count(r => r.Steps >= 2), validatable = _dataset.Valid.Count(r => r.Steps >= 2);
        if (trainable == 0 || validatable == 0)
        {
            throw new ArgumentException(
                $"{_dataset.Source}: training needs train and valid sequences of two frames or more; it has {trainable} and {validatable}");
        }

        if (File.Exists(OutputDirectory))
        {
            throw new IOException($"{OutputDirectory}: a file, not a folder for the run's checkpoints");
        }

        Directory.CreateDirectory(OutputDirectory);
        using FileStream held = Hold();
        string last = Path.Combine(OutputDirectory, LastFileName);
        (Checkpoint Checkpoint, TrainingState State)? resumed = resume ? Resumable(last, read) : null;
        if (resumed is { State: var interrupted } && OtherMusic(interrupted) is { } other)
        {
            throw new ArgumentException($"{OutputDirectory}: cannot resume: {other}; a resumed run goes on with the music it began on");
        }

        // A resumed run trains with the settings it began with, for as many epochs and with the patience given now,
        // which its checkpoints record from here on; one from a checkpoint that recorded none, with those given, and
        // it records them and its pieces' fingerprint from here on.
        TrainingRunOptions options = resumed?.State.Settings is { } recorded ? _options.Resuming(recorded) : _options;
        TrainingState state = resumed is { } from
            ? from.State with
            {
                Settings = options.Settings,
                DataFingerprint = from.State.DataFingerprint ?? _dataset.TrainingFingerprint(),
            }
            : Start(last);

        // A run killed while writing leaves a temporary file beside each file it was writing; this run owns the folder.
        foreach (string file in new[] { BestFileName, LastFileName, MetricsFileName })
        {
            AtomicFile.RemoveLeftovers(Path.Combine(OutputDirectory, file));
        }

        using RollModel model = resumed?.Checkpoint.CreateModel(_backend) ?? NewModel(state.Seed);
        using var trainer = new Trainer(model, options.Trainer with
        {
            Optimizer = state.Optimizer,
            LearningRate = state.LearningRate,
            Seed = state.Seed,
        });
        if (resumed is { } saved)
        {
            try
            {
                TrainingCheckpoint.Restore(saved.Checkpoint, trainer.Optimizer);
            }
            catch (InvalidOperationException e)
            {
                throw new CheckpointException(last, e.Message, e);
            }
        }

        var train = new LengthBatcher(_dataset.Train, options.BatchSize, state.Seed, options.MaxSteps);
        List<EpochRecord> history = [.. MetricsCsv.Read(Path.Combine(OutputDirectory, MetricsFileName))
            .Where(r => r.Epoch <= state.Epoch)];
        return Train(options, model, trainer, train, state, history, cancellationToken);
    }

    private RollModel NewModel(ulong seed)
    {
        if (_options.StartFrom is { } from)
        {
            // The checkpoint's weights under this run's configuration, which differs at most in its dropout.
            return new RollModel(_backend, _options.Model, from.ParameterValues());
        }

        var model = new RollModel(_backend, _options.Model, seed);
        if (_options.OutputBias == OutputBiasStart.Frequencies)
        {
            model.Parameters.InitializeOutputBias(KeyFrequencies.Of(_dataset.Train).Probabilities());
        }

        return model;
    }

    private TrainingRunResult Train(TrainingRunOptions options, RollModel model, Trainer trainer, LengthBatcher train,
        TrainingState state, List<EpochRecord> history, CancellationToken cancellationToken)
    {
        RandomTransposition? transposition = options.Transpose > 0 ? new RandomTransposition(options.Transpose, state.Seed) : null;
        while (state.Epoch < options.Epochs)
        {
            if (options.Patience > 0 && state.EpochsWithoutImprovement >= options.Patience)
            {
                return new TrainingRunResult(TrainingOutcome.EarlyStopped, state, history, Keep: options.Keep);
            }

            var clock = Stopwatch.StartNew();
            int[] order = train.Order(state.Epoch);
            double lossSum = state.EpochLossSum;
            long frames = state.EpochFrames;
            for (int i = state.EpochBatches; i < order.Length; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    TrainingState interrupted = state with
                    {
                        Updates = trainer.Optimizer.Steps, EpochBatches = i, EpochLossSum = lossSum, EpochFrames = frames,
                    };
                    if (TrainingCheckpoint.TryCapture(model, trainer.Optimizer, interrupted, out string? unsaved) is not { } checkpoint)
                    {
                        return Diverged(state, trainer, history, unsaved!, options.Keep);
                    }

                    CheckpointCodec.Save(checkpoint, Path.Combine(OutputDirectory, LastFileName));
                    return new TrainingRunResult(TrainingOutcome.Cancelled, interrupted, history, Keep: options.Keep);
                }

                TrainStepResult step;
                try
                {
                    IReadOnlyList<PianoRoll> rolls = train.Batches[order[i]];
                    step = trainer.TrainBatch(SequenceBatch.FromRolls(
                        transposition?.Apply(rolls, state.Epoch, order[i]) ?? rolls));
                }
                catch (NonFiniteLossException e)
                {
                    return new TrainingRunResult(TrainingOutcome.NonFiniteLoss,
                        state with { Updates = trainer.Optimizer.Steps }, history, e.Message, options.Keep);
                }

                lossSum += step.LossSum;
                frames += step.Frames;
                BatchCompleted?.Invoke(new BatchProgress(state.Epoch + 1, i + 1, order.Length, lossSum / frames));
            }

            FrameMetrics valid = Evaluation.Measure(trainer.Runner, _dataset.Valid, options.BatchSize);
            bool improved = state.BestValidationLoss is not { } best || valid.LossPerFrame < best;
            var record = new EpochRecord(state.Epoch + 1, lossSum / frames, valid.LossPerFrame, valid.StrictAccuracy,
                valid.BayAccuracy, clock.Elapsed.TotalSeconds);
            history.Add(record);
            int stale = improved ? 0 : state.EpochsWithoutImprovement + 1;
            if (stale > 0 && options.DecayPatience > 0 && stale % options.DecayPatience == 0)
            {
                trainer.Optimizer.LearningRate *= options.LearningRateDecay;
            }

            TrainingState next = state with
            {
                Epoch = state.Epoch + 1,
                Updates = trainer.Optimizer.Steps,
                LearningRate = trainer.Optimizer.LearningRate,
                BestValidationLoss = improved ? valid.LossPerFrame : state.BestValidationLoss,
                EpochsWithoutImprovement = stale,
                EpochBatches = 0,
                EpochLossSum = 0,
                EpochFrames = 0,
            };
            if (Save(model, trainer, next, history, improved || options.Keep == KeptModel.LastEpoch) is { } unsavable)
            {
                history.RemoveAt(history.Count - 1);
                return Diverged(state, trainer, history, unsavable, options.Keep);
            }

            state = next;
            EpochCompleted?.Invoke(record, state);
        }

        return new TrainingRunResult(TrainingOutcome.Completed, state, history, Keep: options.Keep);
    }

    // A learning rate far too large can carry a parameter beyond what a checkpoint holds while the loss stays finite
    // (the gates saturate). Such a model is not saved: the run stops, and its files stay those of its last good epoch.
    private static TrainingRunResult Diverged(TrainingState saved, Trainer trainer, List<EpochRecord> history,
        string problem, KeptModel keep) =>
        new(TrainingOutcome.Diverged, saved with { Updates = trainer.Optimizer.Steps }, history,
            $"the model diverged by update {trainer.Optimizer.Steps}: {problem}, so it cannot be saved; a smaller learning rate avoids it",
            keep);

    // Both checkpoints are taken before anything is written, so that a model that cannot be saved leaves every file as
    // it was; then the reason, or null once written. metrics.csv first and last.rollnet last: a resume drops the
    // records of epochs after last.rollnet's, so a crash between the writes only repeats an epoch. A checkpoint that
    // cannot be written (a full disk) takes the epoch's record out of metrics.csv again, unless best.rollnet already
    // holds that epoch: best.rollnet's epoch always keeps its record, and a resume from the older last.rollnet repeats
    // the epoch and writes the same best.rollnet.
    private string? Save(RollModel model, Trainer trainer, TrainingState state, List<EpochRecord> history, bool keep)
    {
        Checkpoint? best = null;
        if ((keep && (best = TrainingCheckpoint.TryCapture(model, null, state, out string? problem)) is null) ||
            TrainingCheckpoint.TryCapture(model, trainer.Optimizer, state, out problem) is not { } last)
        {
            return problem;
        }

        string metrics = Path.Combine(OutputDirectory, MetricsFileName);
        MetricsCsv.Write(metrics, history);
        MetricsWritten?.Invoke(history.AsReadOnly());
        bool bestWritten = false;
        try
        {
            if (best is not null)
            {
                CheckpointCodec.Save(best, Path.Combine(OutputDirectory, BestFileName));
                bestWritten = true;
            }

            CheckpointCodec.Save(last, Path.Combine(OutputDirectory, LastFileName));
        }
        catch (Exception e) when (!bestWritten && e is IOException or UnauthorizedAccessException)
        {
            try
            {
                MetricsCsv.Write(metrics, history[..^1]);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // The checkpoint's failure is the one to report; a resume drops the record anyway.
            }

            throw;
        }

        return null;
    }

    // Two runs in one folder would write over each other's checkpoints, and one would remove the other's half-written
    // files as leftovers of a killed run: the folder is held, by a lock the system lets go of with the process, however
    // it ends, and the file goes with the run.
    private FileStream Hold()
    {
        try
        {
            return new FileStream(Path.Combine(OutputDirectory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            throw new IOException(
                $"{OutputDirectory}: another run is training in this folder ({LockFileName}); wait for it to end, or train in another folder", e);
        }
    }

    private TrainingState Start(string last)
    {
        if (File.Exists(last))
        {
            throw new IOException(
                $"{OutputDirectory}: already holds a training run ({LastFileName}); resume it or choose another folder");
        }

        TrainerOptions trainer = _options.Trainer;
        TrainingState? started = _options.StartFrom is { } from ? TrainingCheckpoint.ReadState(from) : null;
        return new TrainingState
        {
            Epoch = 0,
            Updates = 0,
            Seed = trainer.Seed,
            Optimizer = trainer.Optimizer,
            LearningRate = trainer.LearningRate,
            Data = _dataset.Name,
            StartedFrom = started,
            // Music whose grid is not known is taken to be at the grid of the model the run starts from.
            StepsPerQuarter = _dataset.StepsPerQuarter ?? started?.StepsPerQuarter,
            TopVoice = _dataset.IsTopVoice ? true : null,
            DataFingerprint = _dataset.TrainingFingerprint(),
            Settings = _options.Settings,
        };
    }

    // How the dataset differs from the music the run began on, where the run recorded it: the grid, whether only the
    // top voice was kept, and the pieces themselves (its name can differ for the same music, read from a file or found
    // by name).
    private string? OtherMusic(TrainingState state)
    {
        if (state.StepsPerQuarter is { } learnt && _dataset.StepsPerQuarter is { } grid && grid != learnt)
        {
            return $"the run learnt music at {learnt} steps a quarter note and {_dataset.Name} is at {grid}";
        }

        bool topVoice = state.TopVoice == true;
        if (topVoice != _dataset.IsTopVoice)
        {
            return topVoice
                ? $"the run learnt only the top voice of its music and {_dataset.Name} holds whole frames"
                : $"the run learnt whole frames and {_dataset.Name} holds only the top voice";
        }

        return state.DataFingerprint is { } print && print != _dataset.TrainingFingerprint()
            ? $"{_dataset.Name}'s train and valid pieces are not those the run learnt from (another split, or pieces added, "
                + "removed or changed); to go on learning from them, start a new run from its model"
            : null;
    }

    private static (Checkpoint Checkpoint, TrainingState State) Resumable(string last, Checkpoint? read)
    {
        if (read is null && !File.Exists(last))
        {
            throw new CheckpointException(last, "no checkpoint to resume from");
        }

        Checkpoint checkpoint = read ?? TrainingCheckpoint.Load(last);
        return TrainingCheckpoint.ReadState(checkpoint) is { } state
            ? (checkpoint, state)
            : throw new CheckpointException(last, "holds no training state, so the run cannot be resumed");
    }
}
