namespace RollNet.Data;

/// <summary>What <see cref="MidiRollReader.ReadWithReport(string, int?, int)"/> made of a MIDI file: the roll, its grid and what the grid lost.</summary>
public sealed class MidiRollReading
{
    internal MidiRollReading(PianoRoll roll, int stepsPerQuarter, int? recordedStepsPerQuarter, QuantisationReport quantisation)
    {
        Roll = roll;
        StepsPerQuarter = stepsPerQuarter;
        RecordedStepsPerQuarter = recordedStepsPerQuarter;
        Quantisation = quantisation;
    }

    /// <summary>The piece on the grid.</summary>
    public PianoRoll Roll { get; }

    /// <summary>The grid it was read on, in steps per quarter note.</summary>
    public int StepsPerQuarter { get; }

    /// <summary>The grid the file records (as <see cref="MidiRollWriter"/> writes it), or null when it records none.</summary>
    public int? RecordedStepsPerQuarter { get; }

    /// <summary>What the grid did to the file's notes.</summary>
    public QuantisationReport Quantisation { get; }
}
