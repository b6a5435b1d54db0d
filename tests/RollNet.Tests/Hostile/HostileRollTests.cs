using System.Text;
using CsCheck;
using RollNet.Audio;
using RollNet.Data;
using RollNet.IO;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Hostile;

/// <summary>
/// Rolls that are valid JSON but hostile in their grid or length, and paths that are no regular file: each reader reads
/// them or refuses them in one line naming the file, and every roll read goes to each writer and renderer (MIDI, JSON,
/// PNG, WAV), which writes it or refuses it in one line naming the file it was asked to write. Never another exception,
/// never a stack trace, never a wait.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class HostileRollTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Grids from the usual to int.MaxValue, lengths from none to more frames than a roll may have (and 559,240, too
    /// wide for a picture), with and without a byte-order mark.
    /// </summary>
    [Fact]
    public void JsonRollsOfAnyGridAndLengthGoToEveryFileOrAreRefusedByName()
    {
        Gen<int> grid = Gen.Frequency(
            (4, Gen.Int[1, MidiRollReader.MaxStepsPerQuarter]),
            (1, OneOf(0, -1, MidiRollReader.MaxStepsPerQuarter + 1, int.MaxValue, int.MinValue)));
        Gen<int> steps = Gen.Frequency((30, Gen.Int[0, 40]), (1, OneOf(559_240, MidiRollReader.MaxSteps + 1)));
        Cases.Check(Gen.Select(grid, steps, Gen.Bool, Gen.Int), 300, values =>
        {
            (int stepsPerQuarter, int length, bool marked, int seed) = values;
            string input = _directory.File("roll.json");
            File.WriteAllBytes(input, JsonRoll(stepsPerQuarter, length, marked, seed));
            TimedPianoRoll roll;
            try
            {
                roll = PianoRollJson.Read(input);
            }
            catch (DatasetException e)
            {
                AssertOneLineNaming(input, e);
                return;
            }

            Assert.Equal(length, roll.Roll.Steps);
            WriteOrRefuse(".mid", path => MidiRollWriter.Write(path, roll.Roll, roll.StepsPerQuarter));
            WriteOrRefuse(".json", path => PianoRollJson.Write(path, roll.Roll, roll.StepsPerQuarter));
            WriteOrRefuse(".png", path => PianoRollImage.Write(path, roll.Roll, new PianoRollImageOptions { StepsPerBar = 4 * roll.StepsPerQuarter }));

            // Long rolls make audio of hundreds of megabytes, which AudioLongerThanAWavFileIsWrittenFor… covers.
            if (length <= 40)
            {
                WriteOrRefuse(".wav", path => PianoSynthesizer.Write(path, roll.Roll, roll.StepsPerQuarter));
            }
        });
    }

    /// <summary>A folder, an endless device and a pipe that nobody writes to, each refused by every reader before it reads.</summary>
    [SkippableTheory]
    [MemberData(nameof(SpecialPaths.Kinds), MemberType = typeof(SpecialPaths))]
    public void APathThatIsNoRegularFileIsRefusedByNameBeforeItIsRead(string kind)
    {
        string path = SpecialPaths.Make(kind, _directory, "special.mid");
        SpecialPaths.WithoutWaiting(path, () =>
        {
            foreach (Action<string> read in new Action<string>[]
            {
                p => MidiRollReader.Read(p),
                p => MidiRollReader.ReadWithReport(p),
                p => PianoRollJson.Read(p),
                p => PickleDatasetReader.Read(p),
                p => TrainingCheckpoint.Load(p),
            })
            {
                var error = Assert.ThrowsAny<FileProblemException>(() => read(path));
                AssertOneLineNaming(path, error);
                Assert.Contains(kind == "folder" ? "a folder, not " : "not a regular file", error.Problem, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void ExtremeButFiniteWeightsAreRefusedByName()
    {
        byte[] valid = File.ReadAllBytes(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet"));
        Cases.Check(Gen.Select(Gen.Int[0, 4_000], Gen.Float[Checkpoint.MaxParameterMagnitude, float.MaxValue], Gen.Bool), 200, values =>
        {
            (int index, float magnitude, bool negative) = values;
            string path = _directory.File("extreme.rollnet");
            File.WriteAllBytes(path, CheckpointBytes.WithPayloadFloat(valid, index, negative ? -magnitude : magnitude));
            if (magnitude == Checkpoint.MaxParameterMagnitude)
            {
                TrainingCheckpoint.Load(path);
                return;
            }

            var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path));
            AssertOneLineNaming(path, error);
            Assert.Contains($"(element {index}), beyond the ±1,000,000", error.Problem, StringComparison.Ordinal);
        });
    }

    private static Gen<int> OneOf(params int[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private void WriteOrRefuse(string extension, Action<string> write)
    {
        string path = _directory.File("out" + extension);
        try
        {
            write(path);
            Assert.True(File.Exists(path), $"{path} was not written");
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            // The value an out-of-range argument adds on a line of its own, the CLI puts on the same line.
            Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(path), $"{path} was written and refused");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertOneLineNaming(string path, FileProblemException error)
    {
        Assert.Equal(path, error.Path);
        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A roll of <paramref name="steps"/> frames, random chords in its first 40 and silence after them.</summary>
    private static byte[] JsonRoll(int stepsPerQuarter, int steps, bool marked, int seed)
    {
        var random = new Random(seed);
        var json = new StringBuilder($"{{\"stepsPerQuarter\":{stepsPerQuarter},\"frames\":[");
        for (int t = 0; t < steps; t++)
        {
            json.Append(t == 0 ? "[" : ",[");
            if (t < 40)
            {
                json.AppendJoin(',', Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(PianoRoll.LowestPitch, PianoRoll.HighestPitch + 1)).Distinct());
            }

            json.Append(']');
        }

        json.Append("]}");
        byte[] text = Encoding.UTF8.GetBytes(json.ToString());
        return marked ? [.. Encoding.UTF8.Preamble, .. text] : text;
    }
}
