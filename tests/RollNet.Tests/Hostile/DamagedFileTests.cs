using CsCheck;
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
    // Fixed seeds, so that a run reproduces the one before it; a failure prints what to add as a test.
    private const long Iterations = 2_000;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void DamagedCheckpoints() => Probe(CheckpointBytes(), ".rollnet", path => TrainingCheckpoint.Load(path));

    [Fact]
    public void DamagedPickles() => Probe(PickleBytes(), ".pickle", path => PickleDatasetReader.Read(path));

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

    private void Probe(byte[] valid, string extension, Action<string> read)
    {
        Gen.Select(Damage.Array[1, 4], Gen.Int).Sample((damages, id) =>
        {
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
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: Iterations, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    private byte[] CheckpointBytes()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 4, Head: new NadeHeadOptions(3)), seed: 1);
        string path = _directory.File("valid.rollnet");
        CheckpointCodec.Save(TrainingCheckpoint.Capture(model), path);
        return File.ReadAllBytes(path);
    }

    private static byte[] PickleBytes() => new Data.PickleBytes().Dict(
        ("train", p => p.List(s => s.List(t => t.IntTuple(60, 64, 67), t => t.IntTuple(62)), s => s.List(t => t.IntTuple(48)))),
        ("valid", p => p.List(s => s.List(t => t.IntTuple(55), t => t.IntTuple()))),
        ("test", p => p.List())).Stop();

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
