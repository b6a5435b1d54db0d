using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class MidiFolderReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsTheGoodFilesInAllSubfoldersAndReportsTheCorruptOne()
    {
        Directory.CreateDirectory(_dir.File("sub"));
        MidiRollWriter.Write(_dir.File("a.mid"), MidiRollReaderTests.RandomRoll(16, seed: 1));
        MidiRollWriter.Write(Path.Combine(_dir.Path, "sub", "b.MIDI"), MidiRollReaderTests.RandomRoll(24, seed: 2));
        File.WriteAllBytes(_dir.File("c.mid"), [1, 2, 3, 4, 5, 6, 7, 8]);
        File.WriteAllText(_dir.File("notes.txt"), "not music");

        MidiFolderDataset read = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0);

        Assert.Equal(2, read.Dataset.Train.Count);
        Assert.Equal([_dir.File("a.mid"), Path.Combine(_dir.Path, "sub", "b.MIDI")], read.TrainFiles);
        Assert.Equal([16, 24], read.Dataset.Train.Select(r => r.Steps));
        Assert.Equal(1, read.SkippedCount);
        SkippedFile skipped = Assert.Single(read.Skipped);
        Assert.Equal(_dir.File("c.mid"), skipped.Path);
        Assert.StartsWith("not a readable MIDI file", skipped.Reason);
    }

    // A link to a folder above made the walk go round until its paths grew too long: the one piece was read 41 times,
    // into every split.
    [Fact]
    public void EachFolderIsReadOnceHoweverManyLinksLeadToIt()
    {
        string pieces = _dir.File("pieces");
        Directory.CreateDirectory(pieces);
        MidiRollWriter.Write(Path.Combine(pieces, "a.mid"), MidiRollReaderTests.RandomRoll(16, seed: 1));
        Directory.CreateSymbolicLink(Path.Combine(pieces, "around"), _dir.Path);
        Directory.CreateSymbolicLink(_dir.File("same"), "pieces");
        Directory.CreateSymbolicLink(_dir.File("also"), pieces);

        MidiFolderDataset read = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0);

        Assert.Equal([Path.Combine(_dir.File("also"), "a.mid")], read.TrainFiles);
        Assert.Equal([Path.Combine(pieces, "a.mid")], MidiFolderReader.Read(pieces, validFraction: 0, testFraction: 0).TrainFiles);
    }

    [Fact]
    public void WithoutAGridGivenTheFilesOwnIsTakenWhenTheyAgree()
    {
        // Quarter notes written on a grid of 1: read on the default 2 they would last two steps each.
        PianoRoll roll = PianoRoll.FromPitches([[60], [62], [64]]);
        MidiRollWriter.Write(_dir.File("a.mid"), roll, stepsPerQuarter: 1);
        MidiRollWriter.Write(_dir.File("b.mid"), roll, stepsPerQuarter: 1);

        MidiFolderDataset agreeing = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0);
        MidiFolderDataset given = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0, stepsPerQuarter: 4);
        MidiRollWriter.Write(_dir.File("c.mid"), roll, stepsPerQuarter: 2);
        MidiFolderDataset differing = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0);

        Assert.Equal((1, true), (agreeing.Dataset.StepsPerQuarter, agreeing.GridFromFiles));
        Assert.All(agreeing.Dataset.Train, r => Assert.Equal(3, r.Steps));
        Assert.Equal((4, false), (given.Dataset.StepsPerQuarter, given.GridFromFiles));
        Assert.Equal((MidiRollReader.DefaultStepsPerQuarter, false), (differing.Dataset.StepsPerQuarter, differing.GridFromFiles));
    }

    [Fact]
    public void AFileWithoutNotesOnThePianosKeysIsSkippedByName()
    {
        MidiRollWriter.Write(_dir.File("a.mid"), MidiRollReaderTests.RandomRoll(16, seed: 1));
        MidiTestFiles.Write(_dir.File("drums.mid"), 0, 480, [.. MidiTestFiles.Note(10, 36, 0, 480)]);

        MidiFolderDataset read = MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0);

        Assert.Single(read.Dataset.Train);
        Assert.Equal(new SkippedFile(_dir.File("drums.mid"), "no notes on the piano's keys outside the drum channel"), Assert.Single(read.Skipped));
    }

    // Two to four pieces held none out at the default 0.1, and train refused them for want of a valid split.
    [Theory]
    [InlineData(1, 1, 0, 0)]
    [InlineData(2, 1, 1, 0)]
    [InlineData(4, 3, 1, 0)]
    [InlineData(5, 3, 1, 1)]
    public void AHandfulOfPiecesHoldsOneOutForValidation(int pieces, int train, int valid, int test)
    {
        for (int i = 0; i < pieces; i++)
        {
            MidiRollWriter.Write(_dir.File($"piece{i}.mid"), MidiRollReaderTests.RandomRoll(8, seed: 200 + i));
        }

        MidiFolderDataset read = MidiFolderReader.Read(_dir.Path);

        Assert.Equal((train, valid, test), (read.Dataset.Train.Count, read.Dataset.Valid.Count, read.Dataset.Test.Count));
        Assert.Equal(pieces, MidiFolderReader.Read(_dir.Path, validFraction: 0, testFraction: 0).Dataset.Train.Count);
    }

    [Fact]
    public void TheSeededSplitIsDeterministicAndHoldsTheFractions()
    {
        for (int i = 0; i < 20; i++)
        {
            MidiRollWriter.Write(_dir.File($"piece{i:D2}.mid"), MidiRollReaderTests.RandomRoll(8, seed: 100 + i));
        }

        MidiFolderDataset first = MidiFolderReader.Read(_dir.Path, validFraction: 0.1, testFraction: 0.2, seed: 7);
        MidiFolderDataset again = MidiFolderReader.Read(_dir.Path, validFraction: 0.1, testFraction: 0.2, seed: 7);
        MidiFolderDataset other = MidiFolderReader.Read(_dir.Path, validFraction: 0.1, testFraction: 0.2, seed: 8);

        Assert.Equal((14, 2, 4), (first.Dataset.Train.Count, first.Dataset.Valid.Count, first.Dataset.Test.Count));
        Assert.Equal(first.TrainFiles, again.TrainFiles);
        Assert.Equal(first.ValidFiles, again.ValidFiles);
        Assert.Equal(first.TestFiles, again.TestFiles);
        Assert.NotEqual(first.TestFiles.Concat(first.ValidFiles), other.TestFiles.Concat(other.ValidFiles));
        string[] all = [.. first.TrainFiles, .. first.ValidFiles, .. first.TestFiles];
        Assert.Equal(Directory.GetFiles(_dir.Path).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(first.TrainFiles.Order(StringComparer.Ordinal), first.TrainFiles);
        Assert.Empty(first.Skipped);
    }

    [Fact]
    public void AMissingFolderIsADatasetException()
    {
        string folder = _dir.File("absent");

        DatasetException e = Assert.Throws<DatasetException>(() => MidiFolderReader.Read(folder));

        Assert.Equal($"{folder}: no such folder", e.Message);
    }

    [Fact]
    public void FractionsAddingUpToMoreThanOneAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFolderReader.Read(_dir.Path, validFraction: 0.6, testFraction: 0.5));
    }
}
