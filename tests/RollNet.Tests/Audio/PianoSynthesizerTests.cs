using NAudio.Wave;
using RollNet.Data;
using RollNet.Audio;
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

    public void Dispose() => _directory.Dispose();

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
