using RollNet.Data;

namespace RollNet.Audio;

/// <summary>
/// A note of <see cref="PianoSynthesizer"/>: a few decaying partials with a short attack and, from the end of its
/// steps, a release. It is made a block of samples at a time, its oscillators carried from one block to the next, so
/// that its samples are those it would have made in one go.
/// </summary>
internal sealed class SoundingNote
{
    private const double AttackSeconds = 0.004, ReleaseTimeConstant = 0.06;

    // Loudness of one note before the limiter.
    private const double NoteGain = 0.18;

    // A piano string is stiff: its partials lie slightly above the whole multiples of the fundamental.
    private const double Inharmonicity = 0.0002;

    // Relative strength of the fundamental and its harmonics (a struck string is strongest at the bottom).
    private static readonly double[] PartialLevels = [1, 0.5, 0.28, 0.16, 0.09, 0.05];

    private readonly int _held, _release, _attack;
    private readonly double _gain;

    // Per partial, a damped complex oscillator: its value (re, im) and the rotation and damping of one sample.
    private readonly double[] _oscillators;

    /// <summary>
    /// The note of <paramref name="key"/> that starts at sample <paramref name="onset"/>, is held for
    /// <paramref name="held"/> samples and lasts <paramref name="length"/> in all (its release, or what of it the audio
    /// has room for).
    /// </summary>
    public SoundingNote(int key, long onset, int held, int length)
    {
        (Key, Onset, Length, _held, _release) = (key, onset, length, held, length - held);
        double frequency = 440 * Math.Pow(2, (key + PianoRoll.LowestPitch - 69) / 12.0);

        // Low strings ring for seconds, high ones for a fraction of one; each harmonic dies faster than the one below.
        double fundamentalDecay = Math.Clamp(2.5 * Math.Pow(261.63 / frequency, 0.7), 0.3, 6);
        int partials = 0;
        while (partials < PartialLevels.Length && Partial(frequency, partials + 1) < 0.45 * PianoSynthesizer.SampleRate)
        {
            partials++;
        }

        _oscillators = new double[4 * partials];
        double levels = 0;
        for (int n = 1; n <= partials; n++)
        {
            levels += PartialLevels[n - 1];
            double decaySeconds = fundamentalDecay / (1 + (0.9 * (n - 1)));
            double omega = 2 * Math.PI * Partial(frequency, n) / PianoSynthesizer.SampleRate;
            double damping = Math.Exp(-1 / (decaySeconds * PianoSynthesizer.SampleRate));
            int at = 4 * (n - 1);
            _oscillators[at] = PartialLevels[n - 1];
            _oscillators[at + 2] = damping * Math.Cos(omega);
            _oscillators[at + 3] = damping * Math.Sin(omega);
        }

        _gain = NoteGain / levels;
        _attack = (int)(AttackSeconds * PianoSynthesizer.SampleRate);
    }

    /// <summary>The key, 0..87.</summary>
    public int Key { get; }

    /// <summary>The sample it starts at.</summary>
    public long Onset { get; }

    /// <summary>Its samples, held and released.</summary>
    public int Length { get; }

    /// <summary>
    /// Adds the note's samples that fall in <paramref name="block"/>, which starts at sample
    /// <paramref name="blockStart"/>, to it; <paramref name="scratch"/> is as long as a block.
    /// </summary>
    public void AddTo(Span<double> block, long blockStart, double[] scratch)
    {
        long from = Math.Max(Onset, blockStart), to = Math.Min(Onset + Length, blockStart + block.Length);
        if (from >= to)
        {
            return;
        }

        int count = (int)(to - from), first = (int)(from - Onset);
        Span<double> note = scratch.AsSpan(0, count);
        note.Clear();
        for (int p = 0; p < _oscillators.Length; p += 4)
        {
            // One complex multiplication a sample instead of a sine and an exponential.
            double re = _oscillators[p], im = _oscillators[p + 1], stepRe = _oscillators[p + 2], stepIm = _oscillators[p + 3];
            for (int i = 0; i < count; i++)
            {
                note[i] += im;
                (re, im) = ((re * stepRe) - (im * stepIm), (re * stepIm) + (im * stepRe));
            }

            (_oscillators[p], _oscillators[p + 1]) = (re, im);
        }

        Span<double> mix = block.Slice((int)(from - blockStart), count);
        for (int j = 0; j < count; j++)
        {
            int i = first + j;
            double envelope = i < _attack ? (double)i / _attack : 1;
            if (i >= _held)
            {
                // Exponential damping, pulled to exactly zero by the end of the release so nothing clicks.
                double after = i - _held;
                envelope *= Math.Exp(-after / (ReleaseTimeConstant * PianoSynthesizer.SampleRate)) * (1 - (after / _release));
            }

            mix[j] += _gain * envelope * note[j];
        }
    }

    /// <summary>The frequency of partial <paramref name="n"/> (1 the fundamental) of a string of <paramref name="frequency"/>.</summary>
    private static double Partial(double frequency, int n) => n * frequency * Math.Sqrt(1 + (Inharmonicity * n * n));
}
