using RollNet.Compute;
using RollNet.Heads;

namespace RollNet.Model;

/// <summary>
/// The parameters of a model as one flat device buffer laid out by a <see cref="ParameterLayout"/>. Gradients are
/// not here: a trainer keeps them, so a model loaded for inference holds its weights alone.
/// </summary>
internal sealed class ParameterSet : IDisposable
{
    private readonly HeadOptions _head;
    private readonly int _keys;

    /// <summary>Allocates on <paramref name="backend"/> a buffer for the parameters of <paramref name="config"/>; its values are undefined until <see cref="Initialize(ulong)"/> or <see cref="Upload(ReadOnlySpan{float})"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is not a valid configuration.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="backend"/> has been disposed.</exception>
    internal ParameterSet(Backend backend, ModelConfig config)
    {
        Backend = backend;
        (_head, _keys) = (config.Head, config.OutputSize);
        Layout = new ParameterLayout(config);
        Values = backend.Allocate(Layout.Length);
    }

    /// <summary>The backend that holds <see cref="Values"/>.</summary>
    public Backend Backend { get; }

    /// <summary>Where each tensor lies in <see cref="Values"/>.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>All parameters, <see cref="ParameterLayout.Length"/> floats in layout order.</summary>
    public DeviceBuffer Values { get; }

    /// <summary>
    /// Counts changes to the values made through this set (uploads, optimizer updates), so copies derived from the
    /// weights, such as bfloat16 inference matrices, know when to refresh.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>Records that the values changed on the device (an optimizer calls it after each update).</summary>
    public void MarkChanged() => Version++;

    /// <summary>The values of tensor <paramref name="name"/>.</summary>
    public BufferSlice Value(string name) => Layout.Slice(Values, name);

    /// <summary>
    /// Weights uniform in ±1/√H (the usual LSTM scale, which keeps gate pre-activations in the responsive range of
    /// sigmoid and tanh); biases zero except the forget gate's, set to 1 so cells keep their state early in training.
    /// </summary>
    public void Initialize(ulong seed)
    {
        var host = new float[Layout.Length];
        float limit = 1 / MathF.Sqrt(Layout.Config.HiddenSize);
        for (int t = 0; t < Layout.Tensors.Count; t++)
        {
            ParameterTensor tensor = Layout.Tensors[t];
            if (tensor.Rows == 1)
            {
                continue;
            }

            Span<float> values = host.AsSpan(tensor.Offset, tensor.Length);
            for (int j = 0; j < values.Length; j++)
            {
                values[j] = ((2 * CounterRandom.Uniform(seed, (ulong)t, (ulong)j)) - 1) * limit;
            }
        }

        int hidden = Layout.Config.HiddenSize;
        for (int l = 0; l < Layout.Config.Layers; l++)
        {
            host.AsSpan(Layout[ParameterLayout.BiasName(l)].Offset + hidden, hidden).Fill(1);
        }

        Upload(host);
    }

    /// <summary>
    /// Sets the output biases where the head starts them from how often each key sounds, <paramref name="probabilities"/>
    /// (per key, lowest first, whatever order the head decides them in): for the sigmoid and NADE heads each key's
    /// log-odds, so that the untrained network already predicts every key as often as it sounds in the music. From zero
    /// biases (every key at one half) the first thousands of updates go into learning that most keys are silent, and
    /// the hidden units are pushed towards saturation on the way.
    /// </summary>
    public void InitializeOutputBias(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length != _keys)
        {
            throw new ArgumentException(
                $"the model predicts {_keys} keys but {probabilities.Length} probabilities were given", nameof(probabilities));
        }

        for (int k = 0; k < probabilities.Length; k++)
        {
            double p = probabilities[k];
            if (!(p > 0 && p < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), $"probability {k} is {p}; each must lie strictly between 0 and 1");
            }
        }

        // Only the biases travel to the device, not the whole parameter buffer.
        Backend.Upload(_head.OutputBiasStart(probabilities), Value(Layout.OutputBias));
        MarkChanged();
    }

    /// <summary>Copies all parameters to the host, in layout order.</summary>
    public float[] Download()
    {
        var host = new float[Layout.Length];
        Backend.Download(Values.All, host);
        return host;
    }

    /// <summary>Replaces all parameters with <paramref name="host"/>, in layout order, and counts a change in <see cref="Version"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not <see cref="ParameterLayout.Length"/> long.</exception>
    public void Upload(ReadOnlySpan<float> host)
    {
        Backend.Upload(host, Values.All);
        MarkChanged();
    }

    /// <summary>Frees the device buffer of the values.</summary>
    public void Dispose() => Values.Dispose();
}
