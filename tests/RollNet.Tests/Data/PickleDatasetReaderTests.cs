using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class PickleDatasetReaderTests
{
    private static readonly Action<PickleBytes> Empty = p => p.List();

    [Fact]
    public void JsbTinyHasTheDocumentedShape()
    {
        PianoRollDataset data = PickleDatasetReader.Read(SharedDatasets.File("jsb_tiny.pickle"));

        Assert.Equal("jsb_tiny", data.Name);
        Assert.Equal([129, 65, 49], data.Train.Select(r => r.Steps));
        Assert.Equal([52, 105], data.Valid.Select(r => r.Steps));
        Assert.Equal([84, 61], data.Test.Select(r => r.Steps));
        Assert.Equal([60, 72, 79, 88], data.Train[0].PitchesAt(0));
        Assert.Equal([72, 79, 88], data.Train[0].PitchesAt(1));
        Assert.Equal([67, 70, 76, 84], data.Train[0].PitchesAt(2));
        PianoRoll[] all = [.. data.Train, .. data.Valid, .. data.Test];
        Assert.Equal(2_097, all.Sum(Notes));
        Assert.Equal(7, data.Test.Sum(EmptySteps));
        Assert.Equal(0, data.Train.Concat(data.Valid).Sum(EmptySteps));
    }

    [Fact]
    public void OriginalJsbPickleWithNumpyScalarsHasTheDocumentedCounts()
    {
        PianoRollDataset data = PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales.pickle"));

        Assert.Equal((229, 76, 77), (data.Train.Count, data.Valid.Count, data.Test.Count));
        Assert.Equal((13_807, 4_602, 4_725), (Steps(data.Train), Steps(data.Valid), Steps(data.Test)));
        Assert.Equal(90_002, data.Train.Concat(data.Valid).Concat(data.Test).Sum(Notes));
        Assert.Equal((18, 29, 17), (data.Train.Sum(EmptySteps), data.Valid.Sum(EmptySteps), data.Test.Sum(EmptySteps)));
    }

    [Fact]
    public void OriginalJsbPickleEqualsTheOneConvertedFromMat()
    {
        PianoRollDataset original = PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales.pickle"));
        PianoRollDataset converted = PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales_from_mat.pickle"));

        DatasetAssert.SameRolls(original, converted);
    }

    [Fact]
    public void PianoMidiDeHasTheDocumentedCounts()
    {
        PianoRollDataset data = PickleDatasetReader.Read(SharedDatasets.File("piano_midi_de_from_mat.pickle"));

        Assert.Equal((87, 12, 25), (data.Train.Count, data.Valid.Count, data.Test.Count));
        Assert.Equal((75_911, 8_540, 19_036), (Steps(data.Train), Steps(data.Valid), Steps(data.Test)));
        Assert.Equal(314_779, data.Train.Concat(data.Valid).Concat(data.Test).Sum(Notes));
    }

    [Fact]
    public void CatalogFindsEachDatasetByNameInTheSharedFolder()
    {
        Assert.Equal(["jsb", "nottingham", "musedata", "piano-midi"], DatasetCatalog.Entries.Select(e => e.Name));
        Assert.Equal(SharedDatasets.File("jsb_chorales.pickle"), DatasetCatalog.Locate(SharedDatasets.Folder, "jsb"));
        Assert.Equal(SharedDatasets.File("nottingham_from_mat.pickle"), DatasetCatalog.Locate(SharedDatasets.Folder, "nottingham"));
        Assert.Equal(SharedDatasets.File("musedata_from_mat.pickle"), DatasetCatalog.Locate(SharedDatasets.Folder, "MuseData"));
        Assert.Equal(SharedDatasets.File("piano_midi_de_from_mat.pickle"), DatasetCatalog.Locate(SharedDatasets.Folder, "piano-midi"));
        Assert.Equal(SharedDatasets.File("jsb_chorales_from_mat.pickle"),
            DatasetCatalog.Locate(SharedDatasets.Folder, "jsb_chorales_from_mat.pickle"));

        PianoRollDataset jsb = DatasetCatalog.Load(SharedDatasets.Folder, "jsb");
        Assert.Equal("jsb", jsb.Name);
        Assert.Equal(229, jsb.Train.Count);
    }

    [Fact]
    public void CatalogReportsUnknownNamesAndMissingFiles()
    {
        using var dir = new TempDirectory();

        DatasetException unknown = Assert.Throws<DatasetException>(() => DatasetCatalog.Locate(dir.Path, "bach"));
        Assert.Contains("unknown dataset 'bach'", unknown.Message);
        DatasetException missing = Assert.Throws<DatasetException>(() => DatasetCatalog.Locate(dir.Path, "nottingham"));
        Assert.StartsWith($"{dir.Path}: no file for dataset nottingham", missing.Message);
    }

    [Fact]
    public void TruncatedPickle()
    {
        byte[] whole = File.ReadAllBytes(SharedDatasets.File("jsb_tiny.pickle"));
        AssertProblem(whole[..(whole.Length / 2)], "truncated: the pickle does not end with its STOP opcode");
    }

    [Fact]
    public void WrongKeys()
    {
        byte[] pickle = new PickleBytes().Dict(("train", Empty), ("dev", Empty), ("test", Empty)).Stop();
        AssertProblem(pickle, "expected a dict with keys train, valid, test but found a dict with keys dev, test, train");
    }

    [Fact]
    public void NotADict()
    {
        AssertProblem(new PickleBytes().List().Stop(), "expected a dict with keys train, valid, test but found list");
    }

    [Fact]
    public void PitchOutOfRange()
    {
        byte[] pickle = new PickleBytes().Dict(
            ("train", p => p.List(s => s.List(t => t.IntTuple(60, 64), t => t.IntTuple(17)))),
            ("valid", Empty),
            ("test", Empty)).Stop();
        AssertProblem(pickle, "sequence 0 of train, step 1: pitch 17 is outside 21..108");
    }

    [Fact]
    public void StringInPlaceOfAList()
    {
        byte[] pickle = new PickleBytes().Dict(("train", Empty), ("valid", p => p.Str("chorales")), ("test", Empty)).Stop();
        AssertProblem(pickle, "split valid: expected a list of sequences but found str");
    }

    [Fact]
    public void StringInPlaceOfAPitch()
    {
        byte[] pickle = new PickleBytes().Dict(
            ("train", Empty),
            ("valid", Empty),
            ("test", p => p.List(Empty, s => s.List(t => t.Mark().Str("C4").Tuple())))).Stop();
        AssertProblem(pickle, "sequence 1 of test, step 0: expected an int pitch but found str");
    }

    [Fact]
    public void AGlobalOtherThanTheNumpyScalarIsNotCalled()
    {
        byte[] pickle = new PickleBytes().Dict(
            ("train", p => p.List(s => s.List(t => t.Global("os", "system").IntTuple(60).Reduce()))),
            ("valid", Empty),
            ("test", Empty)).Stop();
        DatasetException e = ReadBytes(pickle, out string path);
        Assert.StartsWith($"{path}: ", e.Message);
    }

    [Fact]
    public void NumpyScalarOfAnotherDtype()
    {
        byte[] pickle = new PickleBytes().Dict(
            ("train", p => p.List(s => s.List(t => t.Mark()
                .Global("numpy.core.multiarray", "scalar")
                .Global("numpy", "dtype").Mark().Str("f8").Int(0).Int(1).Tuple().Reduce()
                .Mark().Int(3).Str("<").Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Tuple().Op('b')
                .Str("12345678").Op('\u0086').Reduce()
                .Tuple()))),
            ("valid", Empty),
            ("test", Empty)).Stop();
        AssertProblem(pickle, "numpy scalar of dtype <f8: only little-endian int64 (<i8) is supported");
    }

    [Fact]
    public void RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        bytes[0] = 0x42;
        AssertProblem(bytes, "not a pickle: it does not start with a protocol 2 to 5 header");
    }

    [Fact]
    public void RandomBytesAfterAValidHeader()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var bytes = new byte[512];
            new Random(seed).NextBytes(bytes);
            (bytes[0], bytes[1], bytes[^1]) = (0x80, 2, (byte)'.');
            DatasetException e = ReadBytes(bytes, out string path);
            Assert.StartsWith($"{path}: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void EmptyFile() => AssertProblem([], "the file is empty or not a regular file (a device, a pipe or a socket), not a pickle");

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("absent.pickle");

        DatasetException e = Assert.Throws<DatasetException>(() => PickleDatasetReader.Read(path));
        Assert.Equal($"{path}: no such file", e.Message);
    }

    private static int Steps(IEnumerable<PianoRoll> rolls) => rolls.Sum(r => r.Steps);

    private static int Notes(PianoRoll roll) => Enumerable.Range(0, roll.Steps).Sum(t => roll.PitchesAt(t).Length);

    [Trait("Category", "Hostile")]
    [Fact]
    public void APickleThatNamesOneSequenceManyTimesIsRefusedPastTheFrameLimitBeforeItsRollsAreMade()
    {
        // One sequence of 1,000 silent steps, then the same sequence named 5,999 times more through the memo: a file
        // of about 12 KB that describes 6,000,000 frames.
        byte[] bytes = Inflated(references: 6_000);
        Assert.InRange(bytes.Length, 1, 16_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        DatasetException e = ReadBytes(bytes, out _);

        Assert.Equal("more than 5,000,000 frames (the limit) by sequence 5000 of train; allow more with --max-frames if the set is meant to be this large",
            e.Problem);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L << 20);
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void TheFrameLimitCanBeRaisedOrLowered()
    {
        using var dir = new TempDirectory();
        string path = dir.File("inflated.pickle");
        File.WriteAllBytes(path, Inflated(references: 20));

        Assert.Equal(20_000, PickleDatasetReader.Read(path, maxFrames: 20_000).Train.Sum(roll => roll.Steps));
        DatasetException e = Assert.Throws<DatasetException>(() => PickleDatasetReader.Read(path, maxFrames: 19_999));
        Assert.StartsWith("more than 19,999 frames (the limit) by sequence 19 of train", e.Problem, StringComparison.Ordinal);
    }

    /// <summary>A training split of <paramref name="references"/> names of one sequence of 1,000 silent steps.</summary>
    private static byte[] Inflated(int references) => new PickleBytes().Dict(
        ("train", p =>
        {
            p.EmptyList().Mark().EmptyList().Mark();
            for (int t = 0; t < 1_000; t++)
            {
                p.Op(')');
            }

            p.Appends().Put(0);
            for (int i = 1; i < references; i++)
            {
                p.Get(0);
            }

            p.Appends();
        }),
        ("valid", p => p.List()),
        ("test", p => p.List())).Stop();

    private static int EmptySteps(PianoRoll roll) => Enumerable.Range(0, roll.Steps).Count(t => roll.PitchesAt(t).Length == 0);

    private static DatasetException ReadBytes(byte[] bytes, out string path)
    {
        using var dir = new TempDirectory();
        path = dir.File("broken.pickle");
        File.WriteAllBytes(path, bytes);
        string file = path;
        return Assert.Throws<DatasetException>(() => PickleDatasetReader.Read(file));
    }

    private static void AssertProblem(byte[] bytes, string problem)
    {
        DatasetException e = ReadBytes(bytes, out string path);
        Assert.Equal($"{path}: {problem}", e.Message);
        Assert.Equal(problem, e.Problem);
    }
}
