using RollNet.Audio;
using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using SkiaSharp;
using Xunit;
using Xunit.Abstractions;

namespace RollNet.Tests.Growth;

/// <summary>
/// Each way a roll goes to or from a file does work in proportion to the roll: measured at three lengths, each twice
/// the one before, the second doubling must add about twice what the first added (a cost growing with the square of
/// the length would add four times). The work is counted, never timed: the bytes a deterministic operation allocates
/// on its thread, or the drawing operations of a picture.
/// </summary>
public sealed class FileCostGrowthTests(ITestOutputHelper output) : IDisposable
{
    private const int StepsPerQuarter = 4;
    private const double BeatsPerMinute = 120;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WritingMidi() => AssertLinear("MIDI written", 2_000, roll => Allocations.Of(() =>
        MidiRollWriter.Write(Stream.Null, roll, StepsPerQuarter, BeatsPerMinute)));

    [Fact]
    public void ReadingMidi() => AssertLinear("MIDI read", 2_000, roll =>
    {
        using var file = new MemoryStream();
        MidiRollWriter.Write(file, roll, StepsPerQuarter, BeatsPerMinute);
        byte[] bytes = file.ToArray();
        return Allocations.Of(() => MidiRollReader.ReadWithReport(new MemoryStream(bytes, writable: false), "song.mid"));
    });

    [Fact]
    public void WritingJson() => AssertLinear("JSON written", 2_000, roll => Allocations.Of(() =>
        PianoRollJson.Write(_directory.File("roll.json"), roll, StepsPerQuarter)));

    [Fact]
    public void ReadingJson() => AssertLinear("JSON read", 2_000, roll =>
    {
        string path = _directory.File("roll.json");
        PianoRollJson.Write(path, roll, StepsPerQuarter);
        return Allocations.Of(() => PianoRollJson.Read(path));
    });

    [Fact]
    public void ReadingAMatFile() => AssertLinear("MAT-file read", 2_000, roll =>
    {
        string path = _directory.File("set.mat");
        File.WriteAllBytes(path, MatFileBytes.Dataset([roll], [], []));
        return Allocations.Of(() => MatDatasetReader.Read(path));
    });

    [Fact]
    public void DrawingAPicture() => AssertLinear("drawing operations of a PNG", 2_000, roll =>
    {
        var options = new PianoRollImageOptions { StepsPerBar = 4 * StepsPerQuarter };
        RollPanel panel = PianoRollImage.Layout(roll.Steps, options);
        using var recorder = new SKPictureRecorder();
        PianoRollImage.Draw(recorder.BeginRecording(SKRect.Create(panel.Left + panel.Width, panel.Top + panel.Height)), panel, roll,
            options);
        using SKPicture picture = recorder.EndRecording();
        return picture.ApproximateOperationCount;
    });

    [Fact]
    public void WritingAWav() => AssertLinear("WAV written", 64, roll => Allocations.Of(() =>
        PianoSynthesizer.Write(_directory.File("song.wav"), roll, StepsPerQuarter, BeatsPerMinute)));

    /// <summary>
    /// NAudio's MIDI event list sorts its events by moving them one place at a time, and its reader matches every
    /// note-off against a list of the notes still held: both take time growing with the square of the notes, which no
    /// count of allocations shows (writing 64,000 steps took four minutes). The library and the tool use neither.
    /// </summary>
    [Fact]
    public void NoMidiLibraryWhoseTimeGrowsWithTheSquareOfTheNotesIsUsed()
    {
        foreach (System.Reflection.Assembly assembly in new[] { typeof(PianoRoll).Assembly, typeof(PianoRollImage).Assembly, typeof(RollNet.Cli.RollNetCommand).Assembly })
        {
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference => reference.Name == "NAudio.Midi");
        }
    }

    /// <summary>
    /// Asserts that <paramref name="work"/> on two chords in turn for <paramref name="steps"/>, twice and four times
    /// as many steps grows linearly, once it has run once (so that first-time costs such as compiling are not counted).
    /// </summary>
    private void AssertLinear(string what, int steps, Func<PianoRoll, long> work)
    {
        work(FixedRolls.TwoChords(steps));
        // The least of three counts: a one-off cost the runtime charges to the thread (a type or cache made on first
        // use while other tests run) would otherwise pass for growth.
        long[] done = [.. new[] { steps, 2 * steps, 4 * steps }.Select(n => Enumerable.Range(0, 3).Min(_ => work(FixedRolls.TwoChords(n))))];
        double growth = (double)(done[2] - done[1]) / (done[1] - done[0]);
        string figures = $"{what}: {string.Join(", ", done.Select(d => d.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} "
            + $"for {steps}, {2 * steps} and {4 * steps} steps; the second doubling added {growth:0.00} times what the first did";
        output.WriteLine(figures);
        Assert.True(growth is > 1.8 and < 2.2, figures);
    }
}
