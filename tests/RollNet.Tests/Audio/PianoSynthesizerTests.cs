using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NAudio.Wave;
using RollNet.Data;
using RollNet.Audio;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Audio;

public sealed class PianoSynthesizerTests : IDisposable
{
    // 120 quarter notes a minute at 2 steps a quarter: a quarter of a second a step.
    private const int StepsPerQuarter = 2, Tempo = 120;
    private const double SecondsPerStep = 0.25;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void TheFileIs16BitMonoAt44kHzAsLongAsTheRollPlusTheRelease()
    {
        short[] samples = Play(PianoRoll.FromPitches([[60, 64], [60], [], [67]]), out WaveFormat format, out TimeSpan duration);

        Assert.Equal(44100, format.SampleRate);
        Assert.Equal(16, format.BitsPerSample);
        Assert.Equal(1, format.Channels);
        Assert.Equal(WaveFormatEncoding.Pcm, format.Encoding);
        Assert.InRange(duration.TotalSeconds, 4 * SecondsPerStep, (4 * SecondsPerStep) + PianoSynthesizer.ReleaseSeconds + 0.001);
        Assert.Contains(samples, s => s != 0);
    }

    [Fact]
    public void ASilentRollIsSilence()
    {
        short[] samples = Play(new PianoRoll(8), out _, out _);

        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public void A4SoundsAt440Hertz()
    {
        short[] samples = Play(PianoRoll.FromPitches([[69], [69], [69], [69]]), out _, out _);

        // Half a second from the attack on: far more energy at the fundamental than between the harmonics.
        double[] window = [.. samples.Skip(2205).Take(22050).Select(s => (double)s)];
        double at440 = Magnitude(window, 440), at300 = Magnitude(window, 300), at600 = Magnitude(window, 600);
        Assert.True(at440 > 20 * at300 && at440 > 20 * at600, $"440 Hz: {at440}, 300 Hz: {at300}, 600 Hz: {at600}");
    }

    [Fact]
    public void AHeldNoteIsStruckOnceAndDies()
    {
        short[] samples = Play(PianoRoll.FromPitches([[60], [60], [60], [60]]), out _, out _);

        // Each step's loudness is below the one before: no new attack where the steps join.
        int step = (int)(SecondsPerStep * 44100);
        double[] loudness = [.. Enumerable.Range(0, 4).Select(t => Rms(samples.AsSpan(t * step, step)))];
        for (int t = 1; t < 4; t++)
        {
            Assert.True(loudness[t] < loudness[t - 1], $"step {t} is louder ({loudness[t]}) than step {t - 1} ({loudness[t - 1]})");
        }
    }

    [Fact]
    public void ATenNoteChordDoesNotClip()
    {
        int[] chord = [36, 43, 48, 52, 55, 60, 64, 67, 72, 76];
        short[] samples = Play(PianoRoll.FromPitches([chord, chord, chord, chord]), out _, out _);

        int peak = samples.Max(s => Math.Abs((int)s));
        Assert.InRange(peak, 1000, short.MaxValue - 1);
    }

    [Fact]
    public void TheAudioIsTheSameWhateverTheBlocksItIsMadeIn()
    {
        PianoRoll roll = MidiRollReaderTests.RandomRoll(24, seed: 7);
        float[] whole = Render(roll, 1 << 24), blocks = Render(roll, 1 << 16), odd = Render(roll, 1_001);

        Assert.Equal(whole.Length, blocks.Length);
        Assert.True(whole.AsSpan().SequenceEqual(blocks), "blocks of 65,536 samples change the audio");
        Assert.True(whole.AsSpan().SequenceEqual(odd), "blocks of 1,001 samples change the audio");
    }

    /// <summary>
    /// The files are those written when the whole audio was made at once (their SHA-256 recorded then, on Linux x64,
    /// whose maths library the sines and exponentials come from).
    /// </summary>
    [SkippableTheory]
    [InlineData("random 64 steps, 2 a quarter, format 1", "9d3df5818e12a11bb84500a54a890ae334b010abdc55be8af57b517d3fc5b13a")]
    [InlineData("no steps, format 0", "c0ef0f9f67f2ebed85190169cebe1071babbd5df7c476693a93bc1409906648e")]
    [InlineData("two chords in turn, 32 steps", "ad5258c0589f9e481bb79726134db265083bb746b44f12acd1ecd2d09dcfe317")]
    public void TheFilesAreThoseWrittenBefore(string name, string sha256)
    {
        Skip.IfNot(RuntimeInformation.RuntimeIdentifier == "linux-x64", "recorded on Linux x64");
        (PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, _) = FixedRolls.Midi[name];
        string path = _directory.File("song.wav");

        PianoSynthesizer.Write(path, roll, stepsPerQuarter, beatsPerMinute);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    [Fact]
    public void AudioLongerThanAWavFileIsWrittenForIsRefusedNamingTheFile()
    {
        // At a hundredth of a quarter note a minute, ten quarter notes last almost 17 hours.
        string path = _directory.File("song.wav");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PianoSynthesizer.Write(path, new PianoRoll(10), 1, 0.01));

        Assert.StartsWith($"{path}: a roll of 10 steps plays for 16.7 hours", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    public void Dispose() => _directory.Dispose();

    private static float[] Render(PianoRoll roll, int blockSamples)
    {
        var audio = new List<float>();
        PianoSynthesizer.Render(roll, StepsPerQuarter, Tempo, blockSamples, block => audio.AddRange(block));
        return [.. audio];
    }

    private short[] Play(PianoRoll roll, out WaveFormat format, out TimeSpan duration)
    {
        string path = _directory.File("song.wav");
        PianoSynthesizer.Write(path, roll, StepsPerQuarter, Tempo);
        using var reader = new WaveFileReader(path);
        format = reader.WaveFormat;
        duration = reader.TotalTime;
        var bytes = new byte[reader.Length];
        Assert.Equal(bytes.Length, reader.Read(bytes, 0, bytes.Length));
        short[] samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, bytes.Length);
        return samples;
    }

    // One bin of a discrete Fourier transform, at any frequency.
    private static double Magnitude(double[] window, double frequency)
    {
        double re = 0, im = 0;
        for (int i = 0; i < window.Length; i++)
        {
            double phase = 2 * Math.PI * frequency * i / 44100;
            re += window[i] * Math.Cos(phase);
            im -= window[i] * Math.Sin(phase);
        }

        return Math.Sqrt((re * re) + (im * im));
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }
}
