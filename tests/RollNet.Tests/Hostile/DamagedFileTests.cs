using CsCheck;
using System.Text.Json.Nodes;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Heads;
using RollNet.IO;
using RollNet.Model;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Hostile;

/// <summary>
/// Every file reader, given a valid file with random damage (bytes changed, inserted, or the file cut short),
/// reads it or refuses it with its own one-line error that names the file: never another exception.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class DamagedFileTests : IDisposable
{
    // The same cases on every run (Cases); a failure names the one to add as a test.
    private const int Iterations = 2_000;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void DamagedCheckpoints() => Probe(UntrainedCheckpointBytes(), ".rollnet", path => TrainingCheckpoint.Load(path));

    // The header is where a checksum cannot help, since a writer's mistake is sealed with the file: here values of
    // the header are replaced or removed and the file resealed, then read as a model and resumed as a run.
    [Fact]
    public void CheckpointsWithAnyValueOfTheirHeaderChanged()
    {
        byte[] valid = TrainingCheckpointBytes();
        string header = CheckpointBytes.Header(valid);
        using var backend = new CpuBackend(1);
        Cases.Check(Gen.Select(HeaderEdit.Array[1, 3], Gen.Int), Iterations, values =>
        {
            ((int Section, double At, int Replacement)[] edits, int id) = values;
            JsonNode root = JsonNode.Parse(header)!;
            foreach ((int section, double at, int replacement) in edits)
            {
                Edit(root, section, at, replacement);
            }

            string folder = _directory.File($"edited-{(uint)id}");
            string path = Path.Combine(folder, TrainingRun.LastFileName);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(path, CheckpointBytes.WithHeader(valid, root.ToJsonString()));
            try
            {
                using (RollModel.Load(path, backend))
                {
                }

                if (TrainingCheckpoint.ReadState(TrainingCheckpoint.Load(path)) is not null)
                {
                    new TrainingRun(backend, SyntheticMusic, folder, new TrainingRunOptions { Epochs = 2 }).Run(resume: true);
                }
            }
            catch (CheckpointException e)
            {
                Assert.Equal(path, e.Path);
                Assert.DoesNotContain('\n', e.Message);
                AssertInItsOwnWords(e);
            }
            catch (ArgumentException e) when (e.Message.StartsWith($"{folder}: cannot resume: ", StringComparison.Ordinal))
            {
                // The header names other music (its grid or its pieces' fingerprint changed), which is refused.
                Assert.DoesNotContain('\n', e.Message);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
    }

    [Fact]
    public void DamagedPickles() => Probe(PickleBytes(), ".pickle", path => PickleDatasetReader.Read(path));

    // Both kinds of variable: inflated as it is read, and read where it lies; dense and sparse sequences.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DamagedMatFiles(bool compressed) => Probe(MatBytes(compressed), ".mat", path => DatasetFileReader.Read(path));

    [Fact]
    public void DamagedMidiFiles() => Probe(MidiBytes(), ".mid", path => MidiRollReader.Read(path, stepsPerQuarter: 2));

    // The grid the file records, which damage may change, and the report of what it lost.
    [Fact]
    public void DamagedMidiFilesReadOnTheirRecordedGrid() => Probe(MidiBytes(), ".mid", path => MidiRollReader.ReadWithReport(path).Quantisation.ToString());

    [Fact]
    public void DamagedJsonRolls() => Probe(JsonBytes(), ".json", path => PianoRollJson.Read(path));

    public void Dispose() => _directory.Dispose();

    /// <summary>A change to a file: a byte set, a byte inserted, or the file cut, at a position given as a share of its length.</summary>
    private static readonly Gen<(int Kind, double At, byte Value)> Damage = Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Byte);

    /// <summary>
    /// Values that a header's fields hold, of every JSON kind, at and beyond their bounds; null removes the value.
    /// </summary>
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null, () => JsonValue.Create(0), () => JsonValue.Create(-1), () => JsonValue.Create(1), () => JsonValue.Create(88),
        () => JsonValue.Create(89), () => JsonValue.Create(int.MaxValue), () => JsonValue.Create(1L << 32), () => JsonValue.Create(0.5),
        () => JsonValue.Create(1e30), () => JsonValue.Create(-1e30), () => JsonValue.Create(1e-45), () => JsonValue.Create(""),
        () => JsonValue.Create("adam"), () => JsonValue.Create("sgd"), () => JsonValue.Create("last"), () => JsonValue.Create("nade"),
        () => JsonValue.Create("outside-in"), () => JsonValue.Create("NaN"), () => JsonValue.Create("0123456789abcdef"),
        () => JsonValue.Create(true), () => new JsonArray(), () => new JsonObject(), () => null,
    ];

    /// <summary>
    /// A value of a header: one of its sections (config, tensors, training), a position given as a share of that
    /// section's values, and what replaces it. The sections are chosen alike, so that the long tensor list does not
    /// crowd out the rest.
    /// </summary>
    private static readonly Gen<(int Section, double At, int Replacement)> HeaderEdit =
        Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, Replacements.Length - 1]);

    /// <summary>
    /// Replaces the value at share <paramref name="at"/> of the values of section <paramref name="section"/> of
    /// <paramref name="root"/> (all of them where an edit before removed it), the section included, by replacement
    /// <paramref name="replacement"/>, or with the last replacement removes it from its object or array.
    /// </summary>
    private static void Edit(JsonNode root, int section, double at, int replacement)
    {
        var values = new List<JsonNode>();
        JsonObject header = root.AsObject();
        Collect(section < header.Count && header.GetAt(section).Value is { } chosen ? chosen : header, values);
        if (values.Count == 0)
        {
            return;
        }

        JsonNode value = values[Math.Min(values.Count - 1, (int)(at * values.Count))];
        bool remove = replacement == Replacements.Length - 1;
        switch (value.Parent)
        {
            case JsonObject parent when remove:
                parent.Remove(value.GetPropertyName());
                break;
            case JsonObject parent:
                parent[value.GetPropertyName()] = Replacements[replacement]();
                break;
            case JsonArray parent when remove:
                parent.RemoveAt(value.GetElementIndex());
                break;
            case JsonArray parent:
                parent[value.GetElementIndex()] = Replacements[replacement]();
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> values)
    {
        if (node.Parent is not null)
        {
            values.Add(node);
        }

        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(member => member.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is not null)
            {
                Collect(child, values);
            }
        }
    }

    private void Probe(byte[] valid, string extension, Action<string> read)
    {
        Cases.Check(Gen.Select(Damage.Array[1, 4], Gen.Int), Iterations, values =>
        {
            ((int Kind, double At, byte Value)[] damages, int id) = values;
            var bytes = new List<byte>(valid);
            foreach ((int kind, double at, byte value) in damages)
            {
                int position = Math.Min(bytes.Count, (int)(at * bytes.Count));
                switch (kind)
                {
                    case 0 when position < bytes.Count:
                        bytes[position] = value;
                        break;
                    case 1:
                        bytes.Insert(position, value);
                        break;
                    default:
                        bytes.RemoveRange(position, bytes.Count - position);
                        break;
                }
            }

            string path = _directory.File($"damaged-{(uint)id}{extension}");
            File.WriteAllBytes(path, [.. bytes]);
            try
            {
                read(path);
            }
            catch (FileProblemException e)
            {
                Assert.Equal(path, e.Path);
                Assert.DoesNotContain('\n', e.Message);
                AssertInItsOwnWords(e);
            }
            finally
            {
                File.Delete(path);
            }
        });
    }

    // A reader says what is wrong in the format's words, not in the .NET types it reads into.
    private static void AssertInItsOwnWords(FileProblemException e)
    {
        Assert.DoesNotContain("RollNet.", e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Problem, StringComparison.Ordinal);
    }

    private byte[] UntrainedCheckpointBytes()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 4, Head: new NadeHeadOptions(3)), seed: 1);
        string path = _directory.File("valid.rollnet");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        return File.ReadAllBytes(path);
    }

    private static readonly PianoRollDataset SyntheticMusic =
        new("synthetic", "memory", Training.Synthetic.Rolls(3, 6), Training.Synthetic.Rolls(1, 5), [], stepsPerQuarter: 1);

    /// <summary>
    /// The last.rollnet of a one-epoch run of a NADE with every optional field of the format (key order, biases from
    /// the input and from parallel motion, split), which records its settings, the music's fingerprint and grid.
    /// </summary>
    private byte[] TrainingCheckpointBytes()
    {
        using var backend = new CpuBackend(1);
        var options = new TrainingRunOptions
        {
            Model = new ModelConfig(Layers: 1, HiddenSize: 4, Head: new NadeHeadOptions(3, KeyOrder.OutsideIn, InputBias: true, ParallelBias: true, Split: 70)),
            Epochs = 1,
            BatchSize = 2,
        };
        string folder = _directory.File("run");
        new TrainingRun(backend, SyntheticMusic, folder, options).Run();
        return File.ReadAllBytes(Path.Combine(folder, TrainingRun.LastFileName));
    }

    private static byte[] PickleBytes() => new Data.PickleBytes().Dict(
        ("train", p => p.List(s => s.List(t => t.IntTuple(60, 64, 67), t => t.IntTuple(62)), s => s.List(t => t.IntTuple(48)))),
        ("valid", p => p.List(s => s.List(t => t.IntTuple(55), t => t.IntTuple()))),
        ("test", p => p.List())).Stop();

    private static byte[] MatBytes(bool compressed) => MatFileBytes.Dataset(
        [MidiRollReaderTests.RandomRoll(5, seed: 1), FixedRolls.TwoChords(3)], [new PianoRoll(2)], [], compressed,
        roll => roll.Steps == 3 ? MatFileBytes.Sparse(roll) : MatFileBytes.Dense(roll));

    private byte[] MidiBytes()
    {
        string path = _directory.File("valid.mid");
        MidiRollWriter.Write(path, MidiRollReaderTests.RandomRoll(12, seed: 3), stepsPerQuarter: 2);
        return File.ReadAllBytes(path);
    }

    private byte[] JsonBytes()
    {
        string path = _directory.File("valid.json");
        PianoRollJson.Write(path, MidiRollReaderTests.RandomRoll(12, seed: 4), stepsPerQuarter: 2);
        return File.ReadAllBytes(path);
    }
}
