using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class PianoRollTranspositionTests
{
    [Fact]
    public void EveryNoteMovesByTheSameInterval()
    {
        PianoRoll roll = PianoRoll.FromPitches([[60, 64, 67], [], [21]]);

        PianoRoll up = roll.Transpose(5), down = roll.Transpose(0);

        Assert.True(up.ContentEquals(PianoRoll.FromPitches([[65, 69, 72], [], [26]])));
        Assert.True(down.ContentEquals(roll));
        Assert.True(up.Transpose(-5).ContentEquals(roll));
    }

    [Fact]
    public void TheRoomIsWhatKeepsEveryNoteOnTheKeyboard()
    {
        PianoRoll roll = PianoRoll.FromPitches([[30], [100]]);

        Assert.Equal((9, 8), roll.TranspositionRoom());
        Assert.True(roll.Transpose(-9).ContentEquals(PianoRoll.FromPitches([[21], [91]])));
        Assert.True(roll.Transpose(8).ContentEquals(PianoRoll.FromPitches([[38], [108]])));
        Assert.Throws<ArgumentOutOfRangeException>(() => roll.Transpose(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => roll.Transpose(-10));
        Assert.Equal((87, 87), new PianoRoll(3).TranspositionRoom());
    }
}
