using NAudio.Wave;
using RollNet.Data;
using RollNet.IO;

namespace RollNet.Audio;

/// <summary>
/// A small piano-like synthesiser: each note (a run of consecutive steps of a key) is a few decaying partials with a
/// short attack and a release at its end, and the mix goes through a soft limiter so that chords never clip. The
/// audio is made and written a block at a time, so its cost grows with the notes and the length, and its memory with
/// neither. A caller passes a roll to <see cref="Write"/> to listen to it as a WAV file.
/// </summary>
public static class PianoSynthesizer
{
    /// <summary>Samples per second of the audio.</summary>
    public const int SampleRate = 44100;

    /// <summary>How long a note rings after it is let go; the audio runs this much past the roll's last step.</summary>
    public const double ReleaseSeconds = 0.25;

    /// <summary>The longest audio written, in samples: 2,000,000,000 (12.6 hours) fit a WAV file's 4 GiB.</summary>
    public const long MaxSamples = 2_000_000_000;

    // The limiter: linear up to Threshold, then bending smoothly towards Ceiling.
    private const double Threshold = 0.6, Ceiling = 0.95;

    // Samples mixed at a time (1.5 seconds).
    private const int BlockSamples = 1 << 16;

    /// <summary>
    /// Writes <paramref name="roll"/> to <paramref name="path"/> as a 16-bit PCM, 44.1 kHz, mono WAV file, atomically,
    /// with <paramref name="stepsPerQuarter"/> steps to a quarter note at <paramref name="beatsPerMinute"/> quarter notes
    /// a minute. Throws <see cref="ArgumentOutOfRangeException"/> when the audio would be longer than
    /// <see cref="MaxSamples"/> (the message names <paramref name="path"/>).
    /// </summary>
    public static void Write(string path, PianoRoll roll, int stepsPerQuarter,
        double beatsPerMinute = MidiRollWriter.DefaultBeatsPerMinute)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long samples = Samples(roll, stepsPerQuarter, beatsPerMinute);
        if (samples > MaxSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(roll),
                $"{path}: a roll of {roll.Steps:N0} steps plays for {roll.Steps / (stepsPerQuarter * beatsPerMinute * 60):N1} hours "
                + $"at this tempo, longer than the {MaxSamples / (SampleRate * 3600.0):N1} a WAV file is written for");
        }

        AtomicFile.Write(path, stream =>
        {
            // The writer leaves a stream it is given open, for AtomicFile to flush.
            using var writer = new WaveFileWriter(stream, new WaveFormat(SampleRate, 16, 1));
            var pcm = new short[BlockSamples];
            Render(roll, stepsPerQuarter, beatsPerMinute, BlockSamples, block =>
            {
                for (int i = 0; i < block.Length; i++)
                {
                    pcm[i] = (short)Math.Round(block[i] * short.MaxValue);
                }

                writer.WriteSamples(pcm, 0, block.Length);
            });
        });
    }

    /// <summary>
    /// Makes the audio of <paramref name="roll"/>, samples within ±<see cref="Ceiling"/>, and hands it to
    /// <paramref name="write"/> <paramref name="blockSamples"/> samples at a time (the last block shorter), in order.
    /// </summary>
    /// <remarks>
    /// A note is mixed into each block it sounds in, its partials' oscillators carried from block to block, and the
    /// notes sounding in a block are added key by key, each key's in the order they start: so each sample is the sum it
    /// would be were every note made whole and added to the whole audio note by note, whatever the blocks.
    /// </remarks>
    internal static void Render(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, int blockSamples,
        Action<ReadOnlySpan<float>> write)
    {
        long samples = Samples(roll, stepsPerQuarter, beatsPerMinute);
        double samplesPerStep = SamplesPerStep(stepsPerQuarter, beatsPerMinute);
        int size = (int)Math.Min(blockSamples, samples);
        var mix = new double[size];
        var scratch = new double[size];
        var audio = new float[size];
        var sounding = new List<SoundingNote>();
        using IEnumerator<RollNote> onsets = roll.NotesByOnset().GetEnumerator();
        bool more = onsets.MoveNext();
        for (long start = 0; start < samples; start += size)
        {
            int length = (int)Math.Min(size, samples - start);
            while (more && StepStart(onsets.Current.Start, samplesPerStep) < start + length)
            {
                RollNote next = onsets.Current;
                long onset = StepStart(next.Start, samplesPerStep);
                int held = (int)(StepStart(next.End, samplesPerStep) - onset);
                var note = new SoundingNote(next.Key, onset, held, (int)Math.Min(held + (long)ReleaseSamples, samples - onset));
                int at = sounding.Count;
                while (at > 0 && sounding[at - 1].Key > note.Key)
                {
                    at--;
                }

                sounding.Insert(at, note);
                more = onsets.MoveNext();
            }

            Span<double> block = mix.AsSpan(0, length);
            block.Clear();
            foreach (SoundingNote note in sounding)
            {
                note.AddTo(block, start, scratch);
            }

            sounding.RemoveAll(note => note.Onset + note.Length <= start + length);
            for (int i = 0; i < length; i++)
            {
                audio[i] = (float)Limit(mix[i]);
            }

            write(audio.AsSpan(0, length));
        }
    }

    /// <summary>
    /// The samples of <paramref name="roll"/>'s audio, its steps and then the release of its last notes, or
    /// <see cref="MaxSamples"/> + 1 when they are more.
    /// </summary>
    private static long Samples(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(roll);
        double samples = Math.Round(roll.Steps * SamplesPerStep(stepsPerQuarter, beatsPerMinute)) + ReleaseSamples;
        return (long)Math.Min(samples, MaxSamples + 1);
    }

    private static double SamplesPerStep(int stepsPerQuarter, double beatsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerQuarter, 1);
        if (!(beatsPerMinute > 0) || !double.IsFinite(beatsPerMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(beatsPerMinute), beatsPerMinute,
                "the tempo must be a positive number of quarter notes a minute");
        }

        return SampleRate * 60.0 / (beatsPerMinute * stepsPerQuarter);
    }

    private static int ReleaseSamples => (int)Math.Round(ReleaseSeconds * SampleRate);

    private static long StepStart(int step, double samplesPerStep) => (long)Math.Round(step * samplesPerStep);

    private static double Limit(double x)
    {
        double magnitude = Math.Abs(x);
        return magnitude <= Threshold
            ? x
            : Math.CopySign(Threshold + ((Ceiling - Threshold) * Math.Tanh((magnitude - Threshold) / (Ceiling - Threshold))), x);
    }
}
