using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;
using static RollNet.Tests.Data.MatFileBytes;

namespace RollNet.Tests.Data;

public sealed class MatDatasetReaderTests : IDisposable
{
    private static readonly PianoRoll[] Train = [MidiRollReaderTests.RandomRoll(40, seed: 1), MidiRollReaderTests.RandomRoll(7, seed: 2)];
    private static readonly PianoRoll[] Valid = [MidiRollReaderTests.RandomRoll(13, seed: 3)];
    private static readonly PianoRoll[] Test = [MidiRollReaderTests.RandomRoll(21, seed: 4), FixedRolls.TwoChords(6)];

    private readonly TempDirectory _directory = new();

    // TCN's files against the pickles converted from them with Python (see the datasets' README): every split,
    // sequence, step and key.
    [Theory]
    [InlineData("jsb_chorales.mat", "jsb_chorales_from_mat.pickle")]
    [InlineData("nottingham.mat", "nottingham_from_mat.pickle")]
    [InlineData("musedata.mat", "musedata_from_mat.pickle")]
    [InlineData("piano_midi_de.mat", "piano_midi_de_from_mat.pickle")]
    [InlineData("jsb_chorales.mat", "jsb_chorales.pickle")]
    public void EachSharedMatFileHoldsWhatItsPickleHolds(string mat, string pickle)
    {
        PianoRollDataset read = MatDatasetReader.Read(SharedDatasets.File(mat));
        PianoRollDataset expected = PickleDatasetReader.Read(SharedDatasets.File(pickle));

        Assert.Equal(Path.GetFileNameWithoutExtension(mat), read.Name);
        DatasetAssert.SameRolls(expected, read);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CompressedAndPlainVariablesReadAlike(bool compressed)
    {
        PianoRollDataset read = MatDatasetReader.Read(Write(Dataset(Train, Valid, Test, compressed), "set.mat"));

        Assert.Equal("set", read.Name);
        DatasetAssert.SameRolls(new PianoRollDataset("expected", "", Train, Valid, Test), read);
    }

    // MATLAB stores a double roll as uint8 where its values allow; scipy keeps the type it is given.
    [Theory]
    [InlineData(DoubleClass, MiUInt8, 0u, 1.0)]
    [InlineData(DoubleClass, MiDouble, 0u, 1.0)]
    [InlineData(DoubleClass, MiDouble, 0u, 0.5)]
    [InlineData(DoubleClass, MiSingle, 0u, 1.0)]
    [InlineData(DoubleClass, MiInt16, 0u, 64.0)]
    [InlineData(DoubleClass, MiInt32, 0u, 1.0)]
    [InlineData(UInt8Class, MiUInt8, LogicalFlag, 1.0)]
    [InlineData(UInt8Class, MiUInt8, 0u, 100.0)]
    public void EveryNumericStorageReadsAsTheSameRoll(byte arrayClass, uint dataType, uint flags, double sounding)
    {
        byte[] file = Dataset(Train, Valid, Test, sequence: roll => Dense(roll, arrayClass, dataType, flags, sounding));

        DatasetAssert.SameRolls(new PianoRollDataset("expected", "", Train, Valid, Test), MatDatasetReader.Read(Write(file)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SparseMatricesReadAsTheSameRoll(bool withValues)
    {
        byte[] file = Dataset(Train, Valid, Test, sequence: roll => Sparse(roll, withValues));

        DatasetAssert.SameRolls(new PianoRollDataset("expected", "", Train, Valid, Test), MatDatasetReader.Read(Write(file)));
    }

    [Fact]
    public void OtherVariablesArePassedOverInAnyOrderAndACellColumnIsARow()
    {
        byte[] notes = Array(CellClass, [Test.Length, 1], "testdata", Test.Select(roll => Dense(roll)));
        byte[] file = File([
            Compress(notes), Array(StructClass, [1, 1], "meta", []), Compress(Cell("traindata", [.. Train.Select(roll => Dense(roll))])),
            Cell("validdata", [.. Valid.Select(roll => Dense(roll))]),
        ]);

        DatasetAssert.SameRolls(new PianoRollDataset("expected", "", Train, Valid, Test), MatDatasetReader.Read(Write(file)));
    }

    [Fact]
    public void EmptyCellsAreSequencesWithoutSteps()
    {
        byte[] file = File([
            Cell("traindata", Element(MiMatrix, []), Dense(new PianoRoll(0))), Cell("validdata"), Cell("testdata", Dense(Test[1])),
        ]);

        PianoRollDataset read = MatDatasetReader.Read(Write(file));

        Assert.Equal([0, 0], read.Train.Select(roll => roll.Steps));
        Assert.Empty(read.Valid);
        Assert.True(Test[1].ContentEquals(read.Test[0]));
    }

    [Fact]
    public void AMatlab73FileIsRefusedWithTheWayToSaveIt() => AssertProblem(
        Header("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Dec  7 2026 HDF5 schema 1.00 ."),
        "a MATLAB 7.3 MAT-file, which is HDF5 and not read here; save it again with save(file, '-v7') or scipy.io.savemat");

    [Fact]
    public void ABigEndianFileIsRefused() => AssertProblem(File([Cell("traindata")], endian: "MI"),
        "a big-endian MAT-file, which is not read here; save it again on a little-endian machine");

    [Fact]
    public void AFileOfAnotherKindIsNotAMatFile() =>
        AssertProblem("%PDF-1.7 and the rest"u8.ToArray(), "not a MAT-file: it does not start with 'MATLAB 5.0 MAT-file'");

    [Fact]
    public void AHeaderCutShortIsSaidSo() =>
        AssertProblem(Header()[..100], "cut short: 100 bytes, where a MAT-file's header takes 128");

    [Fact]
    public void AMissingVariableIsNamedWithTheOnesFound() => AssertProblem(
        File([Cell("traindata"), Array(DoubleClass, [1, 1], "extra", [Element(MiDouble, new byte[8])]), Cell("testdata")]),
        "expected the variables traindata, validdata, testdata but found traindata, extra, testdata");

    [Fact]
    public void AVariableTwiceIsRefused() => AssertProblem(
        File([Cell("traindata"), Cell("validdata"), Compress(Cell("validdata")), Cell("testdata")]),
        "validdata: the file holds it twice");

    [Fact]
    public void ASplitThatIsNotACellArrayIsRefused() => AssertProblem(
        File([Array(DoubleClass, [40, 88], "traindata", [Element(MiUInt8, new byte[40 * 88])]), Cell("validdata"), Cell("testdata")]),
        "traindata: a double array, where a cell array of sequences is expected (each a matrix of a row per time step and 88 columns)");

    [Fact]
    public void ASequenceOfAnotherWidthIsRefused() => AssertProblem(
        File([Cell("traindata"), Cell("validdata", Dense(Valid[0]), Array(DoubleClass, [5, 89], "", [Element(MiUInt8, new byte[5 * 89])])),
            Cell("testdata")]),
        "sequence 1 of validdata: a 5×89 matrix, where a sequence has a row per time step and 88 columns, one per key from MIDI 21 to 108");

    [Fact]
    public void ASequenceOfThreeDimensionsIsRefused() => AssertProblem(
        File([Cell("traindata", Array(DoubleClass, [2, 88, 2], "", [Element(MiUInt8, new byte[352])])), Cell("validdata"), Cell("testdata")]),
        "sequence 0 of traindata: a 3-dimensional array, where a sequence is a matrix of a row per time step and 88 columns");

    [Fact]
    public void ComplexNumbersAreRefused() => AssertProblem(
        File([Cell("traindata", Dense(Train[1], flags: ComplexFlag)), Cell("validdata"), Cell("testdata")]),
        "sequence 0 of traindata: complex numbers, where a roll holds real ones");

    [Fact]
    public void AStructInACellIsRefused() => AssertProblem(
        File([Cell("traindata"), Cell("validdata"), Cell("testdata", Array(StructClass, [1, 1], "", []))]),
        "sequence 0 of testdata: a struct, where a sequence is a numeric or logical matrix");

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    public void AValueThatIsNeitherZeroNorPositiveIsRefusedWhereItIs(double value, string shown)
    {
        var roll = new PianoRoll(4) { [2, 3] = true };
        AssertProblem(File([Cell("traindata", Dense(roll, dataType: MiDouble, sounding: value)), Cell("validdata"), Cell("testdata")]),
            $"sequence 0 of traindata: value {shown} at step 2, key 3, where 0 is silent and a positive value sounds");
    }

    [Fact]
    public void ValuesThatDoNotFillTheMatrixAreRefused() => AssertProblem(
        File([Cell("traindata", Array(DoubleClass, [4, 88], "", [Element(MiUInt8, new byte[3 * 88])])), Cell("validdata"), Cell("testdata")]),
        "sequence 0 of traindata: 264 bytes of values, where its 4×88 entries take 352");

    [Fact]
    public void AnElementThatDeclaresMoreThanTheFileHoldsIsRefused()
    {
        byte[] file = File([Element(MiMatrix, new byte[16], declared: 1_000_000)]);
        AssertProblem(file, "element 0 after the header: declares 1,000,000 bytes where 16 remain; the file is cut short or damaged");
    }

    [Fact]
    public void ACompressedElementThatDeclaresMoreThanDeflateCanHoldIsRefused()
    {
        byte[] compressed = Compress(Element(MiMatrix, new byte[24], declared: 4_000_000_000));
        int stored = compressed.Length - 8;
        AssertProblem(File([compressed]),
            $"element 0 after the header: declares 4,000,000,000 bytes in {stored:N0} compressed ones, more than deflate can hold (1,032 to 1)");
    }

    [Fact]
    public void DamagedCompressedDataIsSaidSo()
    {
        byte[] file = Dataset(Train, Valid, Test);
        file[128 + 8 + 2] ^= 0xFF;
        file[128 + 8 + 3] ^= 0xFF;

        DatasetException e = ReadBytes(file, out string path);
        Assert.StartsWith($"{path}: element 0 after the header: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A few bytes declare more frames than the limit: refused before any roll is made.
    [Fact]
    public void ASequenceBeyondTheFrameLimitIsRefusedBeforeItIsMade() => AssertProblem(
        File([Compress(Cell("traindata", Array(DoubleClass, [5_000_001, 88], "", []))), Cell("validdata"), Cell("testdata")]),
        "sequence 0 of traindata: more than 5,000,000 frames (the limit) by its end; allow more with --max-frames if the set is meant to be this large");

    // 4,000,000 frames declared by a file of under 300 bytes: the values' tag is checked against the bytes left
    // before the roll (352 MB) is made.
    [Fact]
    public void ASequenceIsMadeOnlyOnceItsValuesAreDeclaredInBytesTheFileHolds()
    {
        byte[] values = Element(MiUInt8, new byte[16], declared: 4_000_000 * 88);
        string path = Write(File([Cell("traindata", Array(DoubleClass, [4_000_000, 88], "", [values])), Cell("validdata"), Cell("testdata")]));

        long allocated = Allocations.Of(() => Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path)));

        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated");
        DatasetException e = Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path));
        Assert.Equal($"{path}: sequence 0 of traindata: declares 352,000,000 bytes where 16 remain", e.Message);
    }

    // A sparse sequence's row indices declared as 100,000,000 (400 MB) in a compressed variable that inflates to far
    // fewer: the indices are kept as they arrive, not made to the count declared.
    [Fact]
    public void ASparseSequenceKeepsOnlyTheIndicesItsDataHolds()
    {
        const uint declared = 400_000_000;
        byte[] sequenceHeader = ArrayHeader(SparseClass, [5_000_000, 88], "");
        byte[] sequence = Element(MiMatrix, [.. sequenceHeader, .. Element(MiInt32, [], declared)], (uint)sequenceHeader.Length + 8 + declared);
        byte[] cellHeader = ArrayHeader(CellClass, [1, 1], "traindata");
        byte[] variable = Element(MiMatrix, [.. cellHeader, .. sequence], (uint)cellHeader.Length + (uint)sequence.Length + declared);
        // Bytes deflate cannot shrink, so that the variable's compressed size allows what it declares (1,032 to 1).
        byte[] noise = new byte[declared / 1000];
        new Random(7).NextBytes(noise);
        string path = Write(File([Compress([.. variable, .. noise])]));

        long allocated = Allocations.Of(() => Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path)));

        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated");
        DatasetException e = Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path));
        Assert.Equal($"{path}: sequence 0 of traindata: cut short, the data ends inside it", e.Message);
    }

    [Fact]
    public void TheFrameLimitCountsEverySplitAndCanBeLowered()
    {
        string path = Write(Dataset(Train, Valid, Test));

        PianoRollDataset read = MatDatasetReader.Read(path, maxFrames: 87);
        Assert.Equal(87, read.Train.Concat(read.Valid).Concat(read.Test).Sum(roll => roll.Steps));
        DatasetException e = Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path, maxFrames: 86));
        Assert.Equal($"{path}: sequence 1 of testdata: more than 86 frames (the limit) by its end; "
            + "allow more with --max-frames if the set is meant to be this large", e.Message);
    }

    [Fact]
    public void MoreSequencesThanTheFrameLimitAreRefused() => AssertProblem(
        File([Array(CellClass, [1, 5_000_001], "traindata", []), Cell("validdata"), Cell("testdata")]),
        "traindata: declares 5,000,001 sequences, more than the 5,000,000 frames allowed (the limit); allow more with --max-frames if the set is meant to be this large");

    [Fact]
    public void MoreSequencesThanTheBytesHoldAreRefused() => AssertProblem(
        File([Array(CellClass, [1, 1_000], "traindata", [Dense(Train[1])]), Cell("validdata"), Cell("testdata")]),
        $"traindata: declares 1,000 sequences in {Dense(Train[1]).Length:N0} bytes, less than a tag each");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFileCutAnywhereIsRefusedNamingIt(bool compressed)
    {
        byte[] whole = Dataset([Train[1]], [FixedRolls.TwoChords(3)], [new PianoRoll(2)], compressed);
        string path = _directory.File("cut.mat");
        for (int length = 0; length < whole.Length; length++)
        {
            System.IO.File.WriteAllBytes(path, whole[..length]);
            DatasetException e = Assert.Throws<DatasetException>(() => MatDatasetReader.Read(path));
            Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void EitherKindOfDatasetFileIsReadByItsFirstBytes()
    {
        string pickle = SharedDatasets.File("jsb_tiny.pickle");
        PianoRollDataset fromPickle = DatasetFileReader.Read(pickle);
        PianoRollDataset fromMat = DatasetFileReader.Read(Write(Dataset(fromPickle.Train, fromPickle.Valid, fromPickle.Test), "tiny.dat"));

        DatasetAssert.SameRolls(PickleDatasetReader.Read(pickle), fromPickle);
        DatasetAssert.SameRolls(fromPickle, fromMat);
        string other = Write("MThd and more"u8.ToArray(), "song.mid");
        DatasetException e = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(other));
        Assert.Equal($"{other}: neither a dataset pickle nor a MAT-file: it starts with neither a pickle's protocol header nor 'MATLAB'", e.Message);
    }

    // Nottingham was quantised to eighth notes and JSB Chorales to quarters; a file of another name is on no known grid.
    [Theory]
    [InlineData("Nottingham.mat", 2)]
    [InlineData("nottingham.MAT", 2)]
    [InlineData("jsb_chorales.mat", 1)]
    [InlineData("Piano-midi.de.mat", 2)]
    [InlineData("nottingham-mine.mat", null)]
    public void AFileUnderAPublishedNameIsOnThatSetsGrid(string name, int? grid)
    {
        string path = Write(Dataset(Train, Valid, Test), name);

        Assert.Equal(grid, DatasetFileReader.Read(path).StepsPerQuarter);
        Assert.Null(MatDatasetReader.Read(path).StepsPerQuarter);
    }

    // TCN's file names: a folder of the MAT-files as they are downloaded serves the dataset names.
    [Fact]
    public void TheCatalogFindsAMatFileUnderTheNameItIsPublishedWith()
    {
        string folder = _directory.File("datasets");
        Directory.CreateDirectory(folder);
        System.IO.File.Copy(SharedDatasets.File("jsb_chorales.mat"), Path.Combine(folder, "JSB_Chorales.mat"));

        PianoRollDataset read = DatasetCatalog.Load(folder, "jsb");

        Assert.Equal(Path.Combine(folder, "JSB_Chorales.mat"), read.Source);
        Assert.Equal(1, read.StepsPerQuarter);
        DatasetAssert.SameRolls(PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales.pickle")), read);
    }

    public void Dispose() => _directory.Dispose();

    private string Write(byte[] bytes, string name = "data.mat")
    {
        string path = _directory.File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private void AssertProblem(byte[] bytes, string expected)
    {
        DatasetException e = ReadBytes(bytes, out string path);
        Assert.Equal($"{path}: {expected}", e.Message);
    }

    private DatasetException ReadBytes(byte[] bytes, out string path)
    {
        path = Write(bytes, $"file-{Guid.NewGuid():N}.mat");
        string read = path;
        return Assert.Throws<DatasetException>(() => MatDatasetReader.Read(read));
    }
}
