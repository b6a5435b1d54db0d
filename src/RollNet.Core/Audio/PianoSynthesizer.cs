using System.Buffers;
using NAudio.Wave;
using RollNet.Data;
using RollNet.IO;

namespace RollNet.Audio;

/// <summary>
/// A small piano-like synthesiser: each note (a run of consecutive steps of a key) is a few decaying partials with a
/// short attack and a release at its end, and the mix goes through a soft limiter so that chords never clip.
/// </summary>
public static class PianoSynthesizer
{
    /// <summary>Samples per second of the audio.</summary>
    public const int SampleRate = 44100;

    /// <summary>How long a note rings after it is let go; the audio runs this much past the roll's last step.</summary>
    public const double ReleaseSeconds = 0.25;

    private const double AttackSeconds = 0.004, ReleaseTimeConstant = 0.06;

    // Loudness of one note, and the limiter: linear up to Threshold, then bending smoothly towards Ceiling.
    private const double NoteGain = 0.18, Threshold = 0.6, Ceiling = 0.95;

    // Relative strength of the fundamental and its harmonics (a struck string is strongest at the bottom).
    private static readonly double[] PartialLevels = [1, 0.5, 0.28, 0.16, 0.09, 0.05];

    // A piano string is stiff: its partials lie slightly above the whole multiples of the fundamental.
    private const double Inharmonicity = 0.0002;

    /// <summary>
    /// Writes <paramref name="roll"/> to <paramref name="path"/> as a 16-bit PCM, 44.1 kHz, mono WAV file, atomically,
    /// with <paramref name="stepsPerQuarter"/> steps to a quarter note at <paramref name="beatsPerMinute"/> quarter notes
    /// a minute.
    /// </summary>
    public static void Write(string path, PianoRoll roll, int stepsPerQuarter,
        double beatsPerMinute = MidiRollWriter.DefaultBeatsPerMinute)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        float[] audio = Render(roll, stepsPerQuarter, beatsPerMinute);
        var pcm = new short[audio.Length];
        for (int i = 0; i < audio.Length; i++)
        {
            pcm[i] = (short)Math.Round(audio[i] * short.MaxValue);
        }

        AtomicFile.Write(path, stream =>
        {
            // The writer leaves a stream it is given open, for AtomicFile to flush.
            using var writer = new WaveFileWriter(stream, new WaveFormat(SampleRate, 16, 1));
            writer.WriteSamples(pcm, 0, pcm.Length);
        });
    }

    /// <summary>The audio of <paramref name="roll"/>, samples within ±<see cref="Ceiling"/>.</summary>
    internal static float[] Render(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        if (!(beatsPerMinute > 0) || !double.IsFinite(beatsPerMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(beatsPerMinute), beatsPerMinute,
                "the tempo must be a positive number of quarter notes a minute");
        }

        double samplesPerStep = SampleRate * 60.0 / (beatsPerMinute * stepsPerQuarter);
        int release = (int)Math.Round(ReleaseSeconds * SampleRate);
        var mix = new double[StepStart(roll.Steps, samplesPerStep) + release];
        foreach (RollNote played in roll.Notes())
        {
            int onset = StepStart(played.Start, samplesPerStep), held = StepStart(played.End, samplesPerStep) - onset;
            int length = Math.Min(held + release, mix.Length - onset);
            double[] note = ArrayPool<double>.Shared.Rent(length);
            AddNote(mix.AsSpan(onset), note.AsSpan(0, length), played.Key, held);
            ArrayPool<double>.Shared.Return(note);
        }

        var audio = new float[mix.Length];
        for (int i = 0; i < mix.Length; i++)
        {
            audio[i] = (float)Limit(mix[i]);
        }

        return audio;
    }

    private static int StepStart(int step, double samplesPerStep) => (int)Math.Round(step * samplesPerStep);

    // Sums the note's partials into the scratch buffer, shapes it with the envelope and adds it to the mix.
    private static void AddNote(Span<double> mix, Span<double> note, int key, int held)
    {
        note.Clear();
        double frequency = 440 * Math.Pow(2, (key + PianoRoll.LowestPitch - 69) / 12.0);

        // Low strings ring for seconds, high ones for a fraction of one; each harmonic dies faster than the one below.
        double fundamentalDecay = Math.Clamp(2.5 * Math.Pow(261.63 / frequency, 0.7), 0.3, 6);
        double levels = 0;
        for (int n = 1; n <= PartialLevels.Length; n++)
        {
            double partial = n * frequency * Math.Sqrt(1 + (Inharmonicity * n * n));
            if (partial >= 0.45 * SampleRate)
            {
                break;
            }

            levels += PartialLevels[n - 1];
            AddPartial(note, partial, PartialLevels[n - 1], fundamentalDecay / (1 + (0.9 * (n - 1))));
        }

        int attack = (int)(AttackSeconds * SampleRate), release = note.Length - held;
        double gain = NoteGain / levels;
        for (int i = 0; i < note.Length; i++)
        {
            double envelope = i < attack ? (double)i / attack : 1;
            if (i >= held)
            {
                // Exponential damping, pulled to exactly zero by the end of the release so nothing clicks.
                double after = i - held;
                envelope *= Math.Exp(-after / (ReleaseTimeConstant * SampleRate)) * (1 - (after / release));
            }

            mix[i] += gain * envelope * note[i];
        }
    }

    // A damped complex oscillator: one complex multiplication a sample instead of a sine and an exponential.
    private static void AddPartial(Span<double> note, double frequency, double level, double decaySeconds)
    {
        double omega = 2 * Math.PI * frequency / SampleRate, damping = Math.Exp(-1 / (decaySeconds * SampleRate));
        double stepRe = damping * Math.Cos(omega), stepIm = damping * Math.Sin(omega);
        double re = level, im = 0;
        for (int i = 0; i < note.Length; i++)
        {
            note[i] += im;
            (re, im) = ((re * stepRe) - (im * stepIm), (re * stepIm) + (im * stepRe));
        }
    }

    private static double Limit(double x)
    {
        double magnitude = Math.Abs(x);
        return magnitude <= Threshold
            ? x
            : Math.CopySign(Threshold + ((Ceiling - Threshold) * Math.Tanh((magnitude - Threshold) / (Ceiling - Threshold))), x);
    }
}
