using System.CommandLine;
using System.Globalization;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Training;

namespace RollNet.Cli.Commands;

/// <summary>
/// The run <c>train --resume</c> continues, as its last.rollnet records it: options left out take the run's values,
/// and options given must agree with them, so that the command that started a run, or just <c>--data</c>,
/// <c>--out</c> and <c>--resume</c>, goes on with the run as it began.
/// </summary>
internal sealed class ResumedRun
{
    private readonly string _folder;

    private ResumedRun(string folder, Checkpoint last, TrainingState state) => (_folder, Last, State) = (folder, last, state);

    /// <summary>The run's last.rollnet as read here, for the run to go on from without reading it again.</summary>
    public Checkpoint Last { get; }

    /// <summary>The run's model.</summary>
    public ModelConfig Config => Last.Config;

    /// <summary>Where the run stands, with the settings it recorded.</summary>
    public TrainingState State { get; }

    /// <summary>
    /// The run in <paramref name="folder"/>, or null where it holds no last.rollnet with a training state (the run
    /// then says what is missing). Throws <see cref="CheckpointException"/> for a last.rollnet that cannot be read.
    /// </summary>
    public static ResumedRun? Read(string folder)
    {
        string last = Path.Combine(folder, TrainingRun.LastFileName);
        if (!File.Exists(last))
        {
            return null;
        }

        Checkpoint checkpoint = TrainingCheckpoint.Load(last);
        return TrainingCheckpoint.ReadState(checkpoint) is { } state ? new ResumedRun(folder, checkpoint, state) : null;
    }

    /// <summary>
    /// The run's value, <paramref name="recorded"/>; throws <see cref="ArgumentException"/> when
    /// <paramref name="option"/> was given with another.
    /// </summary>
    public T Agreed<T>(ParseResult parse, Option<T> option, T recorded)
    {
        if (parse.IsGiven(option) && !EqualityComparer<T>.Default.Equals(parse.GetValue(option), recorded))
        {
            throw new ArgumentException($"{option.Name} {Show(parse.GetValue(option))}: the run in {_folder} has "
                + $"{Show(recorded)}, and a resumed run keeps its settings; leave it out, or start a new run in another folder");
        }

        return recorded;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when a head setting was given and <paramref name="described"/>, the head
    /// the settings describe, is not the run's.
    /// </summary>
    public void RequireHead(ParseResult parse, IEnumerable<Option> settings, Func<HeadOptions> described)
    {
        if (settings.FirstOrDefault(parse.IsGiven) is { } given && described() != Config.Head)
        {
            throw new ArgumentException($"{given.Name}: the run in {_folder} has another {Config.Head.Name} head, and a "
                + "resumed run keeps its model; leave its settings out");
        }
    }

    private static string Show<T>(T value) => value switch
    {
        Enum kind => kind.ToString().ToLowerInvariant(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "nothing",
    };
}
