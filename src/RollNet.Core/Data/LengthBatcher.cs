
namespace RollNet.Data;

/// <summary>
/// Groups sequences of similar length into batches, so that little of a batch is padding: the sequences are sorted
/// by length and cut into batches of <see cref="BatchSize"/>; only the order in which an epoch visits the batches is
/// shuffled, and that order depends on nothing but (<see cref="Seed"/>, epoch), so a resumed run sees the same
/// batches in the same order as one that was never interrupted.
/// </summary>
internal sealed class LengthBatcher
{
    private const ulong OrderStream = 0x6261_7463_6800_0000; // "batch", kept apart from other uses of a seed

    /// <summary>
    /// Batches <paramref name="rolls"/>. With <paramref name="maxSteps"/> above 0, a longer roll is cut into pieces of
    /// at most that many frames, each starting on the last frame of the one before, so every next-frame pair is kept
    /// exactly once. Rolls (and pieces) of fewer than two frames hold no pair and are left out.
    /// </summary>
    public LengthBatcher(IReadOnlyList<PianoRoll> rolls, int batchSize, ulong seed, int maxSteps = 0)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        if (rolls.Any(roll => roll is null))
        {
            throw new ArgumentException($"roll {rolls.TakeWhile(roll => roll is not null).Count()} is null", nameof(rolls));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (maxSteps is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps,
                "the longest piece must be 0 (no cutting) or at least 2 frames");
        }

        (BatchSize, Seed, MaxSteps) = (batchSize, seed, maxSteps);

        // OrderBy is stable, so sequences of equal length keep their order and the batches are the same every time.
        PianoRoll[] sorted = [.. rolls.SelectMany(Cut).Where(r => r.Steps >= 2).OrderBy(r => r.Steps)];
        Batches = [.. sorted.Chunk(batchSize)];
        Sequences = sorted.Length;
        Frames = sorted.Sum(r => (long)r.Steps - 1);
    }

    /// <summary>Sequences per batch (the last batch may hold fewer); at least 1.</summary>
    public int BatchSize { get; }

    /// <summary>The seed that, with the epoch, fixes the order of <see cref="Order(int)"/>.</summary>
    public ulong Seed { get; }

    /// <summary>The longest piece a roll is cut into, in frames; 0 when rolls are kept whole.</summary>
    public int MaxSteps { get; }

    /// <summary>The batches, shortest sequences first; every batch but the last holds <see cref="BatchSize"/> sequences.</summary>
    public IReadOnlyList<IReadOnlyList<PianoRoll>> Batches { get; }

    /// <summary>Sequences (after cutting) in all batches.</summary>
    public int Sequences { get; }

    /// <summary>Next-frame predictions in all batches: the frames a loss is averaged over.</summary>
    public long Frames { get; }

    /// <summary>The order in which epoch <paramref name="epoch"/> (0-based) visits <see cref="Batches"/>: a permutation of their indices.</summary>
    public int[] Order(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return SeededShuffle.Permutation(Batches.Count, Seed, OrderStream + (ulong)epoch);
    }

    private IEnumerable<PianoRoll> Cut(PianoRoll roll)
    {
        if (MaxSteps == 0 || roll.Steps <= MaxSteps)
        {
            yield return roll;
            yield break;
        }

        for (int start = 0; start < roll.Steps - 1; start += MaxSteps - 1)
        {
            yield return roll.Slice(start, Math.Min(MaxSteps, roll.Steps - start));
        }
    }
}
