using RollNet.Compute;
using RollNet.Data;
using RollNet.Model;

namespace RollNet.Generation;

/// <summary>
/// Generates music: primes the network with a roll, then draws each next frame key by key as independent
/// Bernoulli trials (a key sounds when a uniform number falls below its probability) and feeds it back.
/// </summary>
public sealed class Sampler : IDisposable
{
    private readonly RollModel _model;
    private readonly Backend _backend;
    private readonly int _keys;
    private readonly float[] _logits, _frame;
    private readonly double[] _probabilities;
    private readonly DeviceBuffer _input;
    private DeviceBuffer? _primer;

    public Sampler(RollModel model)
    {
        if (model.Config.InputSize != PianoRoll.Keys || model.Config.OutputSize != PianoRoll.Keys)
        {
            throw new ArgumentException(
                $"generation needs a model of {PianoRoll.Keys} keys in and out, not {model.Config.InputSize} and {model.Config.OutputSize}");
        }

        _model = model;
        _backend = model.Backend;
        _keys = PianoRoll.Keys;
        _logits = new float[_keys];
        _frame = new float[_keys];
        _probabilities = new double[_keys];
        _input = _backend.Allocate(_keys);
    }

    /// <summary>
    /// Continues <paramref name="primer"/> by <paramref name="steps"/> frames and returns the continuation alone.
    /// An empty primer starts from one silent frame.
    /// </summary>
    public PianoRoll Generate(PianoRoll primer, int steps, SamplingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!(options.Temperature > 0) || !float.IsFinite(options.Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Temperature, "the temperature must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxNotes);
        var output = new PianoRoll(steps);
        if (steps == 0)
        {
            return output;
        }

        Prime(primer, options.Precision);
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)
            {
                _backend.Upload(_frame, _input.All);
                _model.Forward(_input.All, 1, 1, training: false, carryState: true, precision: options.Precision);
            }

            _backend.Download(LastLogits(), _logits);
            Draw(options, (ulong)t);
            for (int k = 0; k < _keys; k++)
            {
                output[t, k] = _frame[k] != 0;
            }
        }

        return output;
    }

    public void Dispose()
    {
        _input.Dispose();
        _primer?.Dispose();
    }

    private void Prime(PianoRoll primer, MatrixPrecision precision)
    {
        int length = Math.Max(primer.Steps, 1);
        if (_primer is null || _primer.Length < length * _keys)
        {
            _primer?.Dispose();
            _primer = _backend.Allocate(length * _keys);
        }

        var host = new float[length * _keys];
        for (int t = 0; t < primer.Steps; t++)
        {
            primer.CopyFrame(t, host.AsSpan(t * _keys, _keys));
        }

        BufferSlice input = _primer.Slice(0, length * _keys);
        _backend.Upload(host, input);
        _model.ResetState(1);
        _model.Forward(input, length, 1, training: false, carryState: true, precision: precision);
    }

    private BufferSlice LastLogits()
    {
        BufferSlice logits = _model.Logits;
        return logits.Slice(logits.Length - _keys, _keys);
    }

    private void Draw(SamplingOptions options, ulong step)
    {
        int sounding = 0;
        for (int k = 0; k < _keys; k++)
        {
            double p = 1 / (1 + Math.Exp(-_logits[k] / options.Temperature));
            _probabilities[k] = p;
            bool on = CounterRandom.UniformDouble(options.Seed, step, (ulong)k) < p;
            _frame[k] = on ? 1 : 0;
            sounding += on ? 1 : 0;
        }

        // Keep the most probable of the sampled keys when more sound than allowed.
        while (options.MaxNotes > 0 && sounding > options.MaxNotes)
        {
            int weakest = -1;
            for (int k = 0; k < _keys; k++)
            {
                if (_frame[k] != 0 && (weakest < 0 || _probabilities[k] < _probabilities[weakest]))
                {
                    weakest = k;
                }
            }

            _frame[weakest] = 0;
            sounding--;
        }
    }
}
