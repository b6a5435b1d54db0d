using NAudio.Midi;
using RollNet.Data;
using RollNet.Tests.Model;
using Xunit;
using static RollNet.Tests.Data.MidiTestFiles;

namespace RollNet.Tests.Data;

public sealed class QuantisationReportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void FurEliseOnQuarterNotesMergesItsRepeatedKeysAndRunsItsSixteenthsTogether()
    {
        // Onsets every 120 ticks round to steps 0 0 1 1 1 1 2 2 2: six notes start on the step of the note before them.
        // The second and third E, and the second D♯, start on the step where the E or D♯ before them still sounds.
        string path = _dir.File("elise.mid");
        Write(path, 0, 480, FurEliseOpening());

        MidiRollReading reading = MidiRollReader.ReadWithReport(path, stepsPerQuarter: 1);
        QuantisationReport report = reading.Quantisation;

        Assert.Equal((9, 3, 6, 7), (report.Notes, report.Merged, report.RunTogether, report.Lost));
        Assert.Equal(0.25, report.ShortestNote);
        Assert.Equal((4, 0), (report.SuggestedStepsPerQuarter, report.SuggestedLost));
        Assert.Equal("9 notes on a grid of 1 step a quarter note: 3 merged, 6 run together; shortest note 1/4 quarter; "
            + "a grid of 4 steps a quarter keeps every note", report.ToString());
        Assert.Equal([75, 76], reading.Roll.PitchesAt(0));
    }

    [Fact]
    public void OfSeveralGridsTheOneThatLosesFewestIsReadTheRecordedOneFirstAndTheEarlierOfEquals()
    {
        byte[] elise = Bytes(0, 480, FurEliseOpening());
        byte[] quarters = Bytes(0, 480, [.. Note(1, 60, 0, 480), .. Note(1, 64, 480, 960)]);
        using var recorded = new MemoryStream();
        MidiRollWriter.Write(recorded, new PianoRoll(4), stepsPerQuarter: 2);

        MidiRollReading fewest = MidiRollReader.ReadOnFewestLosses(new MemoryStream(elise), "elise.mid", [1, 2, 4]);
        MidiRollReading equal = MidiRollReader.ReadOnFewestLosses(new MemoryStream(quarters), "q.mid", [2, 1]);
        MidiRollReading own = MidiRollReader.ReadOnFewestLosses(new MemoryStream(recorded.ToArray()), "r.mid", [1, 2]);
        MidiRollReading elsewhere = MidiRollReader.ReadOnFewestLosses(new MemoryStream(recorded.ToArray()), "r.mid", [1, 4]);

        Assert.Equal((4, 0), (fewest.StepsPerQuarter, fewest.Quantisation.Lost));
        Assert.Equal(2, equal.StepsPerQuarter);
        Assert.Equal(2, own.StepsPerQuarter);
        Assert.Equal(1, elsewhere.StepsPerQuarter);
        Assert.Throws<ArgumentException>(() => MidiRollReader.ReadOnFewestLosses(new MemoryStream(elise), "elise.mid", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiRollReader.ReadOnFewestLosses(new MemoryStream(elise), "elise.mid", [0]));
    }

    [Fact]
    public void AGridThatHoldsEveryNoteLosesNothingAndSuggestsNothing()
    {
        string path = _dir.File("elise.mid");
        Write(path, 0, 480, FurEliseOpening());

        QuantisationReport report = MidiRollReader.ReadWithReport(path, stepsPerQuarter: 4).Quantisation;

        Assert.Equal((9, 0, 0, 0), (report.Notes, report.Merged, report.RunTogether, report.Lost));
        Assert.Null(report.SuggestedStepsPerQuarter);
        Assert.Equal("9 notes on a grid of 4 steps a quarter note: none merged or run together; shortest note 1/4 quarter",
            report.ToString());
    }

    [Fact]
    public void NotesThatTouchOrOverlapInTheFileAndChordsStruckTogetherAreNotLosses()
    {
        // Repeated quarter notes that touch, the same key held on two channels at once, and a chord: the roll cannot
        // keep these apart on any grid, so no grid is to blame.
        string path = _dir.File("legato.mid");
        Write(path, 1, 480,
            [.. Note(1, 60, 0, 480), .. Note(1, 60, 480, 960), .. Note(2, 60, 0, 720)],
            [.. Note(1, 64, 0, 960), .. Note(1, 67, 0, 960), .. Note(1, 72, 960, 1920)]);

        QuantisationReport report = MidiRollReader.ReadWithReport(path, stepsPerQuarter: 1).Quantisation;

        Assert.Equal((6, 0, 0, 0), (report.Notes, report.Merged, report.RunTogether, report.Lost));
        Assert.Equal(1.0, report.ShortestNote);
        Assert.EndsWith("shortest note 1 quarter", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNoGridKeepsEveryNoteTheOneThatLosesFewestIsSuggested()
    {
        // Two repeated Cs parted by 10 ticks, apart only on 48 steps a quarter (10 ticks a step); two repeated Ds
        // parted by one tick, merged on every grid up to 48.
        string path = _dir.File("performed.mid");
        Write(path, 0, 480, [.. Note(1, 60, 0, 470), .. Note(1, 60, 480, 960), .. Note(1, 62, 0, 479), .. Note(1, 62, 480, 960)]);

        QuantisationReport report = MidiRollReader.ReadWithReport(path, stepsPerQuarter: 2).Quantisation;

        Assert.Equal((4, 2, 0, 2), (report.Notes, report.Merged, report.RunTogether, report.Lost));
        Assert.Equal((48, 1), (report.SuggestedStepsPerQuarter, report.SuggestedLost));
        Assert.EndsWith("shortest note 47/48 quarter; a grid of 48 steps a quarter loses only 1", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNoFinerGridLosesLessNoneIsSuggested()
    {
        string path = _dir.File("tight.mid");
        Write(path, 0, 480, [.. Note(1, 62, 0, 479), .. Note(1, 62, 480, 960)]);

        QuantisationReport report = MidiRollReader.ReadWithReport(path, stepsPerQuarter: 1).Quantisation;

        Assert.Equal((2, 1), (report.Notes, report.Merged));
        Assert.Null(report.SuggestedStepsPerQuarter);
        Assert.Equal(0, report.SuggestedLost);
        Assert.Equal("2 notes on a grid of 1 step a quarter note: 1 merged, 0 run together; shortest note 0.998 quarter",
            report.ToString());
    }

    [Fact]
    public void AFileWithoutNotesReportsNone()
    {
        string path = _dir.File("silent.mid");
        Write(path, 0, 480, [new TempoEvent(500_000, 0)]);

        QuantisationReport report = MidiRollReader.ReadWithReport(path).Quantisation;

        Assert.Equal((0, 0, null), (report.Notes, report.Lost, report.ShortestNote));
        Assert.Equal("0 notes on a grid of 2 steps a quarter note: none merged or run together", report.ToString());
    }
}
