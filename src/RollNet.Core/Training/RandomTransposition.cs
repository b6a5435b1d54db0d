using RollNet.Compute;
using RollNet.Data;

namespace RollNet.Training;

/// <summary>
/// Data augmentation for training: every sequence of a batch moves by a random whole number of semitones, at most
/// <see cref="MaxSemitones"/> either way and never so far that a note leaves the keyboard, drawn afresh each epoch.
/// The shift is a function of (seed, epoch, batch, position in the batch) alone, so a resumed run sees the same music
/// as one that was never interrupted.
/// </summary>
internal sealed class RandomTransposition
{
    private const ulong ShiftStream = 0x7472_616E_7370_0000; // "transp", kept apart from other uses of a seed

    /// <summary>Shifts of up to <paramref name="maxSemitones"/> semitones either way, drawn from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSemitones"/> is less than 1.</exception>
    public RandomTransposition(int maxSemitones, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSemitones, 1);
        (MaxSemitones, Seed) = (maxSemitones, seed);
    }

    /// <summary>The largest shift either way, in semitones (keys); at least 1.</summary>
    public int MaxSemitones { get; }

    /// <summary>The seed that, with epoch, batch and position, fixes every shift.</summary>
    public ulong Seed { get; }

    /// <summary>The rolls of batch <paramref name="batch"/> as epoch <paramref name="epoch"/> (0-based) plays them.</summary>
    public IReadOnlyList<PianoRoll> Apply(IReadOnlyList<PianoRoll> rolls, int epoch, int batch)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        var moved = new PianoRoll[rolls.Count];
        for (int j = 0; j < rolls.Count; j++)
        {
            (int down, int up) = rolls[j].TranspositionRoom();
            int lowest = -Math.Min(MaxSemitones, down), highest = Math.Min(MaxSemitones, up);
            double u = CounterRandom.UniformDouble(Seed, ShiftStream + (ulong)epoch, ((ulong)batch << 32) | (uint)j);
            int shift = lowest + (int)(u * (highest - lowest + 1));
            moved[j] = shift == 0 ? rolls[j] : rolls[j].Transpose(shift);
        }

        return moved;
    }
}
