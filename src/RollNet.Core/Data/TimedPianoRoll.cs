namespace RollNet.Data;

/// <summary>A piano roll with the length of its steps: <paramref name="StepsPerQuarter"/> steps make a quarter note.</summary>
public sealed record TimedPianoRoll(PianoRoll Roll, int StepsPerQuarter);
