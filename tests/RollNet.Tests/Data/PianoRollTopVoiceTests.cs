using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class PianoRollTopVoiceTests
{
    [Fact]
    public void EachFrameKeepsItsHighestKeyAndSilenceStaysSilent()
    {
        PianoRoll roll = PianoRoll.FromPitches([[60, 64, 67], [], [21], [108, 50]]);

        Assert.True(roll.TopVoice().ContentEquals(PianoRoll.FromPitches([[67], [], [21], [108]])));
    }

    [Fact]
    public void ADatasetsMelodiesAreEverySplitsTopVoices()
    {
        PianoRoll a = PianoRoll.FromPitches([[48, 72], [50]]), b = PianoRoll.FromPitches([[40, 41, 43]]);
        var dataset = new PianoRollDataset("d", "d.pickle", [a], [b], [a, b], stepsPerQuarter: 2);

        PianoRollDataset melodies = dataset.TopVoice();

        Assert.Equal(("d", 2), (melodies.Name, melodies.StepsPerQuarter));
        Assert.True(melodies.Train[0].ContentEquals(a.TopVoice()) && melodies.Valid[0].ContentEquals(b.TopVoice()));
        Assert.Equal(2, melodies.Test.Count);
        Assert.True(melodies.Test[1].ContentEquals(PianoRoll.FromPitches([[43]])));
    }
}
