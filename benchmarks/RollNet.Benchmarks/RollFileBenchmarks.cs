using BenchmarkDotNet.Attributes;
using RollNet.Audio;
using RollNet.Data;
using RollNet.Rendering;

namespace RollNet.Benchmarks;

/// <summary>
/// A roll's ways to and from files, at 1,000 to 64,000 steps of two chords in turn (three notes end and three begin
/// at every step, the most notes a step of three-note chords can hold): MIDI and JSON written and read, a PNG and a
/// WAV file written. Each size is four times the one before, so a table shows how each way's cost grows.
/// </summary>
[MemoryDiagnoser]
public class RollFileBenchmarks
{
    // Sixteenths at 120 quarter notes a minute: 5,512.5 samples of audio a step.
    private const int StepsPerQuarter = 4;
    private const double BeatsPerMinute = 120;

    private static readonly int[][] Chords = [[60, 64, 67], [62, 65, 69]];

    private PianoRoll _roll = null!;
    private byte[] _midi = null!, _json = null!;
    private string _directory = null!;

    [Params(1_000, 4_000, 16_000, 64_000)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _roll = PianoRoll.FromPitches([.. Enumerable.Range(0, Steps).Select(t => Chords[t % 2])]);
        using var midi = new MemoryStream();
        MidiRollWriter.Write(midi, _roll, StepsPerQuarter, BeatsPerMinute);
        _midi = midi.ToArray();
        _json = System.Text.Encoding.UTF8.GetBytes(PianoRollJson.Serialize(_roll, StepsPerQuarter));
        _directory = Directory.CreateTempSubdirectory("rollnet-bench-").FullName;
    }

    [Benchmark]
    public long WriteMidi()
    {
        using var stream = new MemoryStream();
        MidiRollWriter.Write(stream, _roll, StepsPerQuarter, BeatsPerMinute);
        return stream.Length;
    }

    [Benchmark]
    public int ReadMidi() => MidiRollReader.Read(new MemoryStream(_midi, writable: false), "bench.mid", StepsPerQuarter).Steps;

    [Benchmark]
    public void WriteJson() => PianoRollJson.Write(Path.Combine(_directory, "roll.json"), _roll, StepsPerQuarter);

    [Benchmark]
    public int ReadJson() => PianoRollJson.Deserialize(System.Text.Encoding.UTF8.GetString(_json), "bench.json").Roll.Steps;

    [Benchmark]
    public void WritePng() => PianoRollImage.Write(Path.Combine(_directory, "roll.png"), _roll,
        new PianoRollImageOptions { StepsPerBar = 4 * StepsPerQuarter });

    [Benchmark]
    public void WriteWav() => PianoSynthesizer.Write(Path.Combine(_directory, "roll.wav"), _roll, StepsPerQuarter, BeatsPerMinute);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);
}
