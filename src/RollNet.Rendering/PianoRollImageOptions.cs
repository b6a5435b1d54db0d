using RollNet.Data;

namespace RollNet.Rendering;

/// <summary>How <see cref="PianoRollImage"/> draws a roll.</summary>
public sealed record PianoRollImageOptions
{
    /// <summary>Steps between bar lines, e.g. 4 × steps per quarter note for 4/4; 0 draws none.</summary>
    public int StepsPerBar { get; init; } = 8;

    /// <summary>
    /// The first step of the continuation: steps before it (the primer) are drawn in
    /// <see cref="PianoRollImage.PrimerColour"/>, from it on in <see cref="PianoRollImage.ContinuationColour"/>, with a
    /// legend. Null draws the whole roll in the primer's colour.
    /// </summary>
    public int? SplitStep { get; init; }

    /// <summary>
    /// The keys a conditional draw was given (held on) rather than drew: where this roll sounds, the notes are drawn in
    /// <see cref="PianoRollImage.PrimerColour"/>, elsewhere in <see cref="PianoRollImage.ContinuationColour"/>, with a
    /// legend. It must be as long as the roll drawn, and cannot be given with <see cref="SplitStep"/>.
    /// </summary>
    public PianoRoll? Given { get; init; }

    /// <summary>Pixels per time step; null picks 2 to 12 so that the roll is about 1200 pixels wide.</summary>
    public int? PixelsPerStep { get; init; }

    /// <summary>Pixels per key (row).</summary>
    public int PixelsPerKey { get; init; } = 4;
}
