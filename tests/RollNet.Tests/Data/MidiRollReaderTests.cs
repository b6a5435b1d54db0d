using NAudio.Midi;
using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;
using static RollNet.Tests.Data.MidiTestFiles;

namespace RollNet.Tests.Data;

public sealed class MidiRollReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Format0OnsetsRoundToTheNearestStepAndNotesCoverTheStepsThatStartBeforeTheirEnd()
    {
        // 96 ticks per quarter and 2 steps per quarter: a step is 48 ticks.
        string path = _dir.File("grid.mid");
        Write(path, 0, 96, [
            .. Note(1, 60, 0, 96),      // steps 0, 1
            .. Note(1, 64, 24, 100),    // onset 0.5 rounds up to 1; steps 1 and 2 start before 100
            .. Note(1, 67, 110, 140),   // onset 2.29 rounds to 2; steps 2 starts before 140
            .. Note(1, 72, 200, 201),   // a grace note: onset 4.17 rounds to 4 and sounds one step
            .. Note(1, 76, 230, 288),   // onset 4.79 rounds to 5; ends exactly at step 6
        ]);

        PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter: 2);

        AssertFrames(roll, [[60], [60, 64], [64, 67], [], [72], [76]]);
    }

    [Fact]
    public void Format1TracksMergeAndTempoChangesDoNotBendTheBeatGrid()
    {
        string path = _dir.File("tempo.mid");
        Write(path, 1, 480,
            [Tempo(120, 0), Tempo(45, 960), Tempo(200, 1440)],
            [.. Note(1, 60, 0, 480), .. Note(1, 62, 480, 960), .. Note(1, 64, 960, 1440), .. Note(1, 65, 1440, 1920)],
            [.. Note(2, 48, 0, 960), .. Note(2, 43, 960, 1920)]);

        MidiFile file = new(path, false);
        Assert.Equal((1, 3), (file.FileFormat, file.Tracks));
        PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter: 1);

        AssertFrames(roll, [[48, 60], [48, 62], [43, 64], [43, 65]]);
    }

    [Fact]
    public void VelocityZeroEndsANoteAndOverlappingNotesOfOnePitchHoldTheKeyUntilTheLastEnds()
    {
        string path = _dir.File("overlap.mid");
        Write(path, 0, 480, [
            new NoteEvent(0, 1, MidiCommandCode.NoteOn, 60, Loud),
            new NoteEvent(480, 1, MidiCommandCode.NoteOn, 60, Loud),
            new NoteEvent(960, 1, MidiCommandCode.NoteOn, 60, 0),
            new NoteEvent(1440, 1, MidiCommandCode.NoteOff, 60, 0),
            .. Note(1, 64, 1920, 2400, velocityZeroOff: true),
        ]);

        PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter: 1);

        AssertFrames(roll, [[60], [60], [60], [], [64]]);
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void APieceOfMoreStepsThanAllowedIsRefusedBeforeItsRollIsMade()
    {
        // One note that ends 2²⁶ ticks in, at one tick per quarter note: 134 million steps at 2 per quarter note.
        string path = _dir.File("endless.mid");
        Write(path, 0, 1, [.. Note(1, 60, 0, 1L << 26)]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DatasetException>(() => MidiRollReader.Read(path, stepsPerQuarter: 2));

        Assert.Equal($"the piece is {2L << 26} steps long at 2 per quarter note, more than the {MidiRollReader.MaxSteps} allowed", error.Problem);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16L << 20);
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void ACallersOwnBoundOnStepsRefusesALongerPieceBeforeItsRollIsMade()
    {
        // 500,000 quarter notes of one held key: a million steps at 2 per quarter note, within the reader's own bound.
        byte[] midi = Bytes(0, 480, [.. Note(1, 60, 0, 480L * 500_000)]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DatasetException>(() =>
            MidiRollReader.ReadWithReport(new MemoryStream(midi), "long.mid", stepsPerQuarter: 2, maxSteps: 4096));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var chosen = Assert.Throws<DatasetException>(() => MidiRollReader.ReadOnFewestLosses(new MemoryStream(midi), "long.mid", [1, 2], 4096));

        Assert.Equal("the piece is 1000000 steps long at 2 per quarter note, more than the 4096 allowed", error.Problem);
        Assert.Equal("the piece is 500000 steps long at 1 per quarter note, more than the 4096 allowed", chosen.Problem);
        // The million-step roll alone would be 88 MB.
        Assert.InRange(allocated, 0, 1L << 20);
    }

    [Fact]
    public void DrumsAndPitchesOffThePianoAreLeftOut()
    {
        string path = _dir.File("drums.mid");
        Write(path, 0, 480, [
            .. Note(10, 38, 0, 480),
            .. Note(10, 60, 0, 480),
            .. Note(1, 20, 0, 480),
            .. Note(1, 21, 0, 480),
            .. Note(1, 108, 0, 480),
            .. Note(1, 109, 0, 480),
            .. Note(3, 50, 480, 960),
        ]);

        PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter: 1);

        AssertFrames(roll, [[21, 108], [50]]);
    }

    [Fact]
    public void RunningStatusIsRead()
    {
        // Written by hand, since NAudio never writes running status: format 0, 2 ticks per quarter.
        byte[] file =
        [
            .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 2,
            .. "MTrk"u8, 0, 0, 0, 20,
            0x00, 0x90, 60, 64,   // note on 60
            0x00, 64, 64,         // running status: note on 64
            0x02, 60, 0,          // running status: velocity 0, note 60 off at tick 2
            0x00, 64, 0,          // note 64 off at tick 2
            0x01, 67, 64,         // note on 67 at tick 3, never released
            0x01, 0xFF, 0x2F, 0x00,
        ];
        string path = _dir.File("running.mid");
        File.WriteAllBytes(path, file);

        PianoRoll roll = MidiRollReader.Read(path, stepsPerQuarter: 2);

        AssertFrames(roll, [[60, 64], [60, 64], [], [67]]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(0, 4)]
    [InlineData(1, 3)]
    public void RollToMidiToRollIsExact(int format, int stepsPerQuarter)
    {
        PianoRoll roll = RandomRoll(steps: 64, seed: format * 10 + stepsPerQuarter);
        string path = _dir.File("round.mid");

        MidiRollWriter.Write(path, roll, stepsPerQuarter, beatsPerMinute: 90, format: format);
        PianoRoll back = MidiRollReader.Read(path, stepsPerQuarter);

        Assert.True(roll.ContentEquals(back), "the roll read back differs from the one written");
    }

    [Fact]
    public void WriterWritesTheDocumentedFile()
    {
        PianoRoll roll = PianoRoll.FromPitches([[60, 64], [60, 64], [], [67]]);
        string path = _dir.File("piece.mid");

        MidiRollWriter.Write(path, roll);

        var file = new MidiFile(path, true);
        Assert.Equal((1, 2, 480), (file.FileFormat, file.Tracks, file.DeltaTicksPerQuarterNote));
        TextEvent grid = Assert.Single(file.Events[0].OfType<TextEvent>());
        Assert.Equal(("rollnet stepsPerQuarter=2", MetaEventType.TextEvent, 0L), (grid.Text, grid.MetaEventType, grid.AbsoluteTime));
        TempoEvent tempo = Assert.Single(file.Events[0].OfType<TempoEvent>());
        Assert.Equal(600_000, tempo.MicrosecondsPerQuarterNote);
        NoteOnEvent[] notes = [.. file.Events[1].OfType<NoteOnEvent>().Where(MidiEvent.IsNoteOn)];
        Assert.Equal([(60, 0L, 480), (64, 0L, 480), (67, 720L, 240)],
            notes.Select(n => (n.NoteNumber, n.AbsoluteTime, n.NoteLength)).Order());
        Assert.All(notes, n => Assert.Equal(MidiRollWriter.Velocity, n.Velocity));
        Assert.All(file.Events, track => Assert.True(MidiEvent.IsEndTrack(track[^1])));
        Assert.Equal(960, file.Events[1][^1].AbsoluteTime);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 3)]
    [InlineData(1, 48)]
    public void TheGridTheWriterRecordsIsTheGridTheFileIsReadOn(int format, int stepsPerQuarter)
    {
        PianoRoll roll = RandomRoll(steps: 40, seed: stepsPerQuarter);
        string path = _dir.File("recorded.mid");
        MidiRollWriter.Write(path, roll, stepsPerQuarter, format: format);

        MidiRollReading reading = MidiRollReader.ReadWithReport(path, fallbackStepsPerQuarter: 2);

        Assert.Equal((stepsPerQuarter, stepsPerQuarter), (reading.StepsPerQuarter, reading.RecordedStepsPerQuarter));
        Assert.True(roll.ContentEquals(reading.Roll), "the roll read back differs from the one written");
        Assert.Equal(0, reading.Quantisation.Lost);
    }

    [Fact]
    public void AGridAskedForOutranksTheRecordedOneAndAFileWithoutOneTakesTheFallback()
    {
        string written = _dir.File("written.mid"), other = _dir.File("other.mid");
        MidiRollWriter.Write(written, PianoRoll.FromPitches([[60], [62], [64], [65]]), stepsPerQuarter: 4);
        Write(other, 0, 480, [.. Note(1, 60, 0, 480), .. Note(1, 62, 480, 960)]);

        MidiRollReading asked = MidiRollReader.ReadWithReport(written, stepsPerQuarter: 1);
        MidiRollReading unrecorded = MidiRollReader.ReadWithReport(other, fallbackStepsPerQuarter: 3);

        Assert.Equal((1, 4), (asked.StepsPerQuarter, asked.RecordedStepsPerQuarter));
        Assert.Equal([[60, 62], [64, 65]], Enumerable.Range(0, asked.Roll.Steps).Select(asked.Roll.PitchesAt));
        Assert.Equal((3, (int?)null), (unrecorded.StepsPerQuarter, unrecorded.RecordedStepsPerQuarter));
        Assert.Equal(6, unrecorded.Roll.Steps);
    }

    [Theory]
    [InlineData("rollnet stepsPerQuarter=7")]     // not a grid the writer can write
    [InlineData("rollnet stepsPerQuarter=0")]
    [InlineData("rollnet stepsPerQuarter=abc")]
    [InlineData("rollnet stepsPerQuarter=99999999999")]
    [InlineData("some other comment")]
    public void ATextEventThatRecordsNoWritableGridIsIgnored(string text)
    {
        string path = _dir.File("comment.mid");
        Write(path, 0, 480, [new TextEvent(text, MetaEventType.TextEvent, 0), .. Note(1, 60, 0, 480)]);

        MidiRollReading reading = MidiRollReader.ReadWithReport(path, fallbackStepsPerQuarter: 2);

        Assert.Null(reading.RecordedStepsPerQuarter);
        Assert.Equal(2, reading.StepsPerQuarter);
    }

    [Fact]
    public void WriterReplacesAFileWholeAndLeavesNothingBehind()
    {
        string path = _dir.File("piece.mid");
        File.WriteAllText(path, "old contents");

        MidiRollWriter.Write(path, PianoRoll.FromPitches([[60], [62]]), format: 0);

        Assert.Equal(["piece.mid"], _dir.Listing());
        Assert.Equal(0, new MidiFile(path, true).FileFormat);
    }

    [Fact]
    public void WriterRejectsAGridThatDoesNotDivideItsTicksNamingTheFile()
    {
        string path = _dir.File("x.mid");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MidiRollWriter.Write(path, new PianoRoll(4), stepsPerQuarter: 7));

        Assert.StartsWith($"{path}: steps per quarter note must divide 480", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Listing());
    }

    [Fact]
    public void GarbageIsADatasetExceptionNamingTheFile()
    {
        var bytes = new byte[2000];
        new Random(3).NextBytes(bytes);
        string path = _dir.File("corrupt.mid");
        File.WriteAllBytes(path, bytes);

        DatasetException e = Assert.Throws<DatasetException>(() => MidiRollReader.Read(path));

        Assert.StartsWith($"{path}: not a readable MIDI file: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ATruncatedFileIsADatasetException()
    {
        string path = _dir.File("cut.mid");
        MidiRollWriter.Write(path, RandomRoll(32, seed: 1));
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length - 10)]);

        DatasetException e = Assert.Throws<DatasetException>(() => MidiRollReader.Read(path));

        Assert.StartsWith($"{path}: not a readable MIDI file: ", e.Message);
    }

    [Fact]
    public void AMissingFileIsADatasetException()
    {
        string path = _dir.File("absent.mid");

        DatasetException e = Assert.Throws<DatasetException>(() => MidiRollReader.Read(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }

    [Fact]
    public void AFolderInPlaceOfAFileIsADatasetException()
    {
        // A folder of MIDI files skips what it cannot read, so no other exception may escape for a bad entry.
        string path = _dir.File("folder.mid");
        Directory.CreateDirectory(path);

        DatasetException e = Assert.Throws<DatasetException>(() => MidiRollReader.Read(path));

        Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamIsNamedBySourceInErrors()
    {
        DatasetException e = Assert.Throws<DatasetException>(() => MidiRollReader.Read(new MemoryStream("MThd"u8.ToArray()), "upload"));

        Assert.StartsWith("upload: not a readable MIDI file", e.Message, StringComparison.Ordinal);
    }

    internal static PianoRoll RandomRoll(int steps, int seed)
    {
        var random = new Random(seed);
        var roll = new PianoRoll(steps);
        for (int t = 0; t < steps - 3; t++) // the last three steps stay silent, so trailing rests are tested
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                // Keys tend to stay as they were, so there are runs of several steps as well as single ones.
                roll[t, k] = t > 0 && roll[t - 1, k] ? random.NextDouble() < 0.7 : random.NextDouble() < 0.04;
            }
        }

        return roll;
    }

    private static void AssertFrames(PianoRoll roll, int[][] expected)
    {
        int[][] actual = [.. Enumerable.Range(0, roll.Steps).Select(roll.PitchesAt)];
        Assert.Equal(expected, actual);
    }
}
