using RollNet.Data;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Music;

namespace RollNet.Generation;

/// <summary>
/// Generates music: primes the network with a roll, then draws each next frame through the model's output head (for
/// the paper's sigmoid head, key by key as independent Bernoulli trials) and feeds it back. It runs the model through
/// an <see cref="InferenceRunner"/> of its own, so a model loaded to generate holds no gradient or optimizer state.
/// </summary>
public sealed class Sampler : IDisposable
{
    private readonly InferenceRunner _runner;
    private readonly int _keys;
    private readonly float[] _frame, _previous;

    /// <exception cref="ArgumentException">The model does not take and predict frames of 88 keys.</exception>
    public Sampler(RollModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Config.InputSize != PianoRoll.Keys || model.Config.OutputSize != PianoRoll.Keys)
        {
            throw new ArgumentException(
                $"generation needs a model of {PianoRoll.Keys} keys in and out, not {model.Config.InputSize} and {model.Config.OutputSize}");
        }

        _runner = new InferenceRunner(model);
        _keys = PianoRoll.Keys;
        _frame = new float[_keys];
        _previous = new float[_keys];
    }

    /// <summary>
    /// The most times a frame is drawn again under <see cref="SamplingOptions.AvoidParallels"/>; the last draw stands
    /// when every one of them moves in parallels.
    /// </summary>
    public const int MaxRedraws = 64;

    /// <summary>
    /// Continues <paramref name="primer"/> by <paramref name="steps"/> frames and returns the continuation alone.
    /// An empty primer starts from one silent frame. <paramref name="cancellationToken"/> is looked at before each
    /// frame, so a caller that stops waiting stops the work within a frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> or the maximum of notes is negative, or the temperature is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public PianoRoll Generate(PianoRoll primer, int steps, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!(options.Temperature > 0) || !float.IsFinite(options.Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Temperature, "the temperature must be a positive, finite number");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxNotes);
        var output = new PianoRoll(steps);
        if (steps == 0)
        {
            return output;
        }

        Prime(primer, options);
        for (int t = 0; t < steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (t > 0)
            {
                _runner.Feed(_frame, 1, 1, options.Precision);
            }

            for (int redraw = 0; ; redraw++)
            {
                ulong place = FrameDraw.Redrawn((ulong)t, redraw);
                _runner.SampleNext(0, new FrameDraw(options.Temperature, options.MaxNotes, options.Seed, place), _frame);
                if (!options.AvoidParallels || redraw == MaxRedraws || !VoiceLeading.MovesInParallels(_previous, _frame))
                {
                    break;
                }
            }

            _frame.CopyTo(_previous, 0);
            for (int k = 0; k < _keys; k++)
            {
                output[t, k] = _frame[k] != 0;
            }
        }

        return output;
    }

    /// <inheritdoc/>
    public void Dispose() => _runner.Dispose();

    private void Prime(PianoRoll primer, SamplingOptions options)
    {
        int length = Math.Max(primer.Steps, 1);
        var host = new float[length * _keys];
        for (int t = 0; t < primer.Steps; t++)
        {
            primer.CopyFrame(t, host.AsSpan(t * _keys, _keys));
        }

        _runner.ResetState(1);
        _runner.Feed(host, length, 1, options.Precision);
        host.AsSpan((length - 1) * _keys, _keys).CopyTo(_previous);
    }
}
