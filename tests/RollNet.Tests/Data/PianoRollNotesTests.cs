using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class PianoRollNotesTests
{
    [Fact]
    public void NotesAreRunsOfConsecutiveStepsKeyByKey()
    {
        // C4 held for steps 0–2, again at 4; A0 at 1; C8 at the last step.
        PianoRoll roll = PianoRoll.FromPitches([[60], [21, 60], [60], [], [60], [108]]);
        Assert.Equal(
            [new RollNote(0, 1, 1), new RollNote(39, 0, 3), new RollNote(39, 4, 1), new RollNote(87, 5, 1)],
            roll.Notes().ToArray());
        Assert.Equal(60, roll.Notes().ElementAt(1).Pitch);
        Assert.Equal(3, roll.Notes().ElementAt(1).End);
        Assert.Empty(new PianoRoll(4).Notes());
    }
}
