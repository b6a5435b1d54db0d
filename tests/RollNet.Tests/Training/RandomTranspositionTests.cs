using RollNet.Data;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Training;

public sealed class RandomTranspositionTests
{
    private static readonly PianoRoll[] Batch =
    [
        PianoRoll.FromPitches([[60, 64, 67], [62]]),
        PianoRoll.FromPitches([[22], [30]]),          // one semitone of room downwards
        PianoRoll.FromPitches([[100], [107]]),        // one semitone of room upwards
        new PianoRoll(2),
    ];

    [Fact]
    public void ShiftsStayWithinTheLimitAndOnTheKeyboard()
    {
        var transposition = new RandomTransposition(6, seed: 3);
        var shifts = new HashSet<int>();
        for (int epoch = 0; epoch < 200; epoch++)
        {
            IReadOnlyList<PianoRoll> moved = transposition.Apply(Batch, epoch, batch: 4);
            int shift = Shift(Batch[0], moved[0]);
            shifts.Add(shift);
            Assert.InRange(Shift(Batch[1], moved[1]), -1, 6);
            Assert.InRange(Shift(Batch[2], moved[2]), -6, 1);
            Assert.Equal(Batch[0].Notes().Count(), moved[0].Notes().Count());
            Assert.True(moved[3].ContentEquals(Batch[3]));
        }

        Assert.Equal(Enumerable.Range(-6, 13), shifts.Order());
    }

    [Fact]
    public void TheShiftDependsOnlyOnSeedEpochBatchAndPosition()
    {
        var a = new RandomTransposition(6, seed: 3);
        var b = new RandomTransposition(6, seed: 3);
        var other = new RandomTransposition(6, seed: 4);

        int[] Shifts(RandomTransposition t, int epoch, int batch) =>
            [.. Enumerable.Range(0, 20).Select(e => Shift(Batch[0], t.Apply(Batch, epoch + e, batch)[0]))];

        Assert.Equal(Shifts(a, 0, 1), Shifts(b, 0, 1));
        Assert.NotEqual(Shifts(a, 0, 1), Shifts(other, 0, 1));
        Assert.NotEqual(Shifts(a, 0, 1), Shifts(a, 0, 2));
        Assert.NotEqual(Shifts(a, 0, 1), Shifts(a, 20, 1));
    }

    /// <summary>The interval from the first sounding key of <paramref name="from"/> to that of <paramref name="to"/>.</summary>
    private static int Shift(PianoRoll from, PianoRoll to) => to.Notes().Min(n => n.Key) - from.Notes().Min(n => n.Key);
}
