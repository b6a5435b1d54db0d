using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics.Tensors;
using RollNet.Compute;

namespace RollNet.Model;

/// <summary>
/// A model's configuration and parameters, optionally with its optimizer's state buffers and a training section, as a
/// checkpoint file holds them (docs/FORMAT.md). Immutable. A program gets one from <see cref="Training.TrainingCheckpoint.Load(string)"/>
/// to see a model's configuration before it loads the model, or to load it on a backend of its choosing.
/// </summary>
/// <remarks>
/// The first tensors are the parameters, named and shaped as <see cref="ParameterLayout"/> lays them out for
/// <see cref="Config"/>; any after them are optimizer state buffers, one value per parameter. Every checkpoint is
/// checked against this, for NaN and infinity, and for parameters beyond <see cref="MaxParameterMagnitude"/> when it is
/// made, so it always describes a model whose activations and loss are finite numbers.
/// </remarks>
public sealed class Checkpoint
{
    /// <summary>
    /// The largest magnitude of a parameter: 10⁶, some 75,000 times the largest of the models trained here
    /// (about 13). Below it, no sum a layer makes in the largest model a checkpoint may describe passes 3.3 × 10¹⁰ (an
    /// upper layer of 16,384 units adds 32,769 terms, each input and state within ±1), so activations, probabilities
    /// and the loss stay finite; weights near <see cref="float.MaxValue"/>, though finite, overflow to infinity in the
    /// first product and give NaN.
    /// </summary>
    public const float MaxParameterMagnitude = 1e6f;

    private readonly int _parameterTensors;

    /// <summary>
    /// A checkpoint of <paramref name="tensors"/>: the parameters of <see cref="CheckpointHeader.Config"/> in layout
    /// order, then optimizer state buffers of one value per parameter. Throws <see cref="ArgumentException"/> when the
    /// tensors are not that, when a value is NaN or infinite (a file could not hold it), when a parameter's magnitude
    /// is over <see cref="MaxParameterMagnitude"/>, or when the configuration is invalid.
    /// </summary>
    internal Checkpoint(CheckpointHeader header, IEnumerable<CheckpointTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(tensors);
        CheckpointTensor[] list = [.. tensors];
        if (Array.FindIndex(list, t => t is null) is var missing and >= 0)
        {
            throw new ArgumentException($"tensor {missing} is null", nameof(tensors));
        }

        string? problem = FindProblem(header.Config, list);
        if (problem is not null)
        {
            throw new ArgumentException($"not a checkpoint of the configuration: {problem}", nameof(tensors));
        }

        (Header, Tensors, _parameterTensors) = (header, Array.AsReadOnly(list), new ParameterLayout(header.Config).Tensors.Count);
    }

    // For tensors already checked with FindProblem.
    private Checkpoint(CheckpointHeader header, IReadOnlyList<CheckpointTensor> tensors, int parameterTensors) =>
        (Header, Tensors, _parameterTensors) = (header, new ReadOnlyCollection<CheckpointTensor>([.. tensors]), parameterTensors);

    /// <summary>The configuration, the format version and the training section.</summary>
    internal CheckpointHeader Header { get; }

    /// <summary>The configuration of the model (<see cref="CheckpointHeader.Config"/>).</summary>
    public ModelConfig Config => Header.Config;

    /// <summary>The parameters in layout order, then the optimizer state buffers.</summary>
    internal IReadOnlyList<CheckpointTensor> Tensors { get; }

    /// <summary>The parameters, in layout order.</summary>
    internal IEnumerable<CheckpointTensor> Parameters => Tensors.Take(_parameterTensors);

    /// <summary>The optimizer state buffers (such as "adam.m" and "adam.v"), one value per parameter; often none.</summary>
    internal IEnumerable<CheckpointTensor> OptimizerState => Tensors.Skip(_parameterTensors);

    /// <summary>A model on <paramref name="backend"/> holding the saved parameters.</summary>
    public RollModel CreateModel(Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new RollModel(backend, Config, ParameterValues());
    }

    /// <summary>The saved parameters as one flat buffer in layout order.</summary>
    internal float[] ParameterValues()
    {
        var layout = new ParameterLayout(Config);
        var values = new float[layout.Length];
        for (int t = 0; t < layout.Tensors.Count; t++)
        {
            Tensors[t].Data.Span.CopyTo(values.AsSpan(layout.Tensors[t].Offset));
        }

        return values;
    }

    /// <summary>
    /// The parameters of <paramref name="model"/>, copied to the host in one download, then
    /// <paramref name="optimizerState"/>, under <paramref name="header"/>; null and why when a value cannot be saved.
    /// </summary>
    internal static Checkpoint? TryCapture(RollModel model, CheckpointHeader header, IEnumerable<CheckpointTensor> optimizerState,
        out string? problem)
    {
        float[] values = model.Parameters.Download();
        var tensors = new List<CheckpointTensor>();
        foreach (ParameterTensor parameter in model.Parameters.Layout.Tensors)
        {
            tensors.Add(new CheckpointTensor(parameter.Name, ImmutableArray.Create(parameter.Rows, parameter.Cols),
                values.AsMemory(parameter.Offset, parameter.Length)));
        }

        tensors.AddRange(optimizerState);
        return TryCreate(header, tensors, out problem);
    }

    /// <summary>
    /// A checkpoint of <paramref name="tensors"/>, which the caller hands over and no longer changes, or null and why
    /// they do not fit <paramref name="header"/>.
    /// </summary>
    internal static Checkpoint? TryCreate(CheckpointHeader header, IReadOnlyList<CheckpointTensor> tensors, out string? problem)
    {
        problem = FindProblem(header.Config, tensors);
        return problem is null ? new Checkpoint(header, tensors, new ParameterLayout(header.Config).Tensors.Count) : null;
    }

    /// <summary>Why <paramref name="tensors"/> are not the parameters of <paramref name="config"/> and then optimizer state, or null.</summary>
    internal static string? FindLayoutProblem(ModelConfig config, IReadOnlyList<CheckpointHeaderTensor?> tensors)
    {
        var layout = new ParameterLayout(config);
        var names = new HashSet<string>();
        for (int i = 0; i < tensors.Count; i++)
        {
            CheckpointHeaderTensor? tensor = tensors[i];
            if (tensor is null)
            {
                return $"tensor {i} is null rather than an object";
            }

            if (tensor.Name.Length == 0)
            {
                return $"tensor {i} has an empty name";
            }

            if (!names.Add(tensor.Name))
            {
                return $"tensor {tensor.Name} appears twice";
            }

            if (i >= layout.Tensors.Count)
            {
                if (tensor.Shape is not [int length] || length != layout.Length)
                {
                    return $"optimizer state {tensor.Name} has shape {Format(tensor.Shape)} but must be [{layout.Length}], one value per parameter";
                }

                continue;
            }

            ParameterTensor expected = layout.Tensors[i];
            if (tensor.Name != expected.Name)
            {
                return $"tensor {i} is {tensor.Name} but the configuration's parameter {i} is {expected.Name}";
            }

            if (tensor.Shape is not [int rows, int cols] || rows != expected.Rows || cols != expected.Cols)
            {
                return $"parameter {tensor.Name} has shape {Format(tensor.Shape)} but the configuration needs [{expected.Rows}, {expected.Cols}]";
            }
        }

        return tensors.Count < layout.Tensors.Count ? $"parameter {layout.Tensors[tensors.Count].Name} is missing" : null;
    }

    /// <summary>
    /// The first NaN or infinity in <paramref name="tensors"/>, of which the first <paramref name="parameterTensors"/>
    /// are parameters, or the first parameter over <see cref="MaxParameterMagnitude"/>; null when there is none.
    /// </summary>
    internal static string? FindUnusableValue(IReadOnlyList<CheckpointTensor> tensors, int parameterTensors)
    {
        for (int t = 0; t < tensors.Count; t++)
        {
            ReadOnlySpan<float> data = tensors[t].Data.Span;
            string kind = t < parameterTensors ? "parameter" : "optimizer state";
            if (!TensorPrimitives.IsFiniteAll(data))
            {
                int j = 0;
                while (float.IsFinite(data[j]))
                {
                    j++;
                }

                return $"{kind} {tensors[t].Name} holds {(float.IsNaN(data[j]) ? "NaN" : "infinity")} (element {j})";
            }

            if (t < parameterTensors && !data.IsEmpty && TensorPrimitives.MaxMagnitude(data) is var largest &&
                Math.Abs(largest) > MaxParameterMagnitude)
            {
                int j = data.IndexOf(largest);
                return $"parameter {tensors[t].Name} holds {largest.ToString("G9", CultureInfo.InvariantCulture)} (element {j}), "
                    + $"beyond the ±{MaxParameterMagnitude:N0} within which a model's activations stay finite";
            }
        }

        return null;
    }

    private static string? FindProblem(ModelConfig config, IReadOnlyList<CheckpointTensor> tensors) =>
        FindLayoutProblem(config, [.. tensors.Select(t => new CheckpointHeaderTensor(t.Name, [.. t.Shape]))]) ??
        FindUnusableValue(tensors, new ParameterLayout(config).Tensors.Count);

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";
}
