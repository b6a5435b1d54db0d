using System.Globalization;
using RollNet.Data;
using RollNet.Music;
using RollNet.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace RollNet.Tests.Music;

/// <summary>
/// Voice leading as a harmony teacher counts it: small rolls whose moves are known, and Bach's chorales against the
/// same chords in random order, which the parallel fifths and octaves must tell apart.
/// </summary>
public sealed class VoiceLeadingTests(ITestOutputHelper output)
{
    [Fact]
    public void OuterVoicesInParallelFifthsAreCountedAmongTheirSimilarMoves()
    {
        // C3–G3 to D3–A3: similar, parallel fifths; to C3–A3 (oblique), to D3–G3 (contrary), rest, to E3–B3 after a rest.
        MusicStatistics s = MusicStatistics.Of(PianoRoll.FromPitches([[48, 55], [50, 57], [48, 57], [50, 55], [], [52, 59]]));

        Assert.Equal(1.0 / 3, s.SimilarMotionShare, 9);
        Assert.Equal(1.0 / 3, s.ContraryMotionShare, 9);
        Assert.Equal(1.0 / 3, s.ObliqueMotionShare, 9);
        Assert.Equal(100, s.OuterParallelsPer100, 9);
        // The bass across the rest: 2, 2, 2, then 55's frame's 50 to 52.
        Assert.Equal((2 + 2 + 2 + 2) / 4.0, s.BassLeap, 9);
    }

    [Fact]
    public void OctavesFollowedByFifthsAndHeldVoicesAreNotParallels()
    {
        // C3–C4 to D3–A4: similar, an octave then a twelfth (a fifth); then both voices hold, which is no move at all.
        MusicStatistics s = MusicStatistics.Of(PianoRoll.FromPitches([[48, 60], [50, 69], [50, 69]]));

        Assert.Equal(1, s.SimilarMotionShare, 9);
        Assert.Equal(0, s.OuterParallelsPer100, 9);
        Assert.True(double.IsNaN(MusicStatistics.Of(PianoRoll.FromPitches([[60], [62]])).OuterParallelsPer100));
    }

    [Fact]
    public void FourVoicesAreComparedPairByPairAndTheirOverlapsCounted()
    {
        // Bass and soprano an octave apart rise a step together (parallel octaves), tenor and alto hold; then the tenor
        // rises above where the alto was.
        MusicStatistics s = MusicStatistics.Of(PianoRoll.FromPitches([[48, 55, 64, 72], [50, 55, 64, 74], [50, 65, 67, 74]]));

        // Move 1: the only similar pair is bass–soprano, an octave apart both times. Move 2: tenor and alto rise.
        Assert.Equal(100.0 / 2, s.VoiceParallelsPer100, 9);
        Assert.Equal(100.0 / 2, s.OverlapsPer100, 9);
    }

    [Fact]
    public void BachAvoidsParallelsThatHisChordsShuffledAtRandomFallInto()
    {
        PianoRollDataset data = PickleDatasetReader.Read(SharedDatasets.File("jsb_chorales.pickle"));

        MusicStatistics bach = MusicStatistics.Of(data.Test).Overall;
        MusicStatistics shuffled = MusicStatistics.Of(data.Test.Select((roll, i) => Shuffle(roll, (ulong)i))).Overall;
        foreach (MusicFeature f in MusicFeatures.All)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{MusicFeatures.Key(f)}: Bach {bach.Value(f):F4}, shuffled {shuffled.Value(f):F4}"));
        }

        Assert.InRange(bach.OuterParallelsPer100, 0, 2);
        Assert.InRange(shuffled.OuterParallelsPer100, 5, 20);
        Assert.InRange(bach.VoiceParallelsPer100, 0, 3);
        Assert.True(shuffled.VoiceParallelsPer100 > 3 * bach.VoiceParallelsPer100,
            $"shuffled {shuffled.VoiceParallelsPer100}, Bach {bach.VoiceParallelsPer100}");
        Assert.True(bach.ContraryMotionShare > shuffled.ContraryMotionShare - 0.05,
            $"Bach's contrary motion {bach.ContraryMotionShare}, shuffled {shuffled.ContraryMotionShare}");
    }

    /// <summary>The frames of <paramref name="roll"/> in a random order: the same chords, no voice leading.</summary>
    private static PianoRoll Shuffle(PianoRoll roll, ulong seed)
    {
        int[] order = SeededShuffle.Permutation(roll.Steps, seed, stream: 0);
        var shuffled = new PianoRoll(roll.Steps);
        for (int t = 0; t < roll.Steps; t++)
        {
            foreach (int pitch in roll.PitchesAt(order[t]))
            {
                shuffled[t, pitch - PianoRoll.LowestPitch] = true;
            }
        }

        return shuffled;
    }
}
