using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Model;
using RollNet.Music;
using RollNet.Tests.Data;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Generation;

/// <summary>
/// The bundled chorale model, whose successions fall into parallel fifths and octaves as often as random ones, drawn
/// with and without the rule that draws such a frame again.
/// </summary>
public sealed class ParallelsRuleTests : IDisposable
{
    private readonly CpuBackend _backend = new(1);
    private readonly RollModel _model;
    private readonly PianoRollDataset _jsb = DatasetCatalog.Load(SharedDatasets.Folder, "jsb");

    public ParallelsRuleTests()
    {
        _model = TrainingCheckpoint.Load(Repository.Path("src", "RollNet.Cli", "Models", "chorales.rollnet")).CreateModel(_backend);
    }

    public void Dispose()
    {
        _model.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public void MovesInParallelsIsWhatTheStatisticsCount()
    {
        float[] Frame(params int[] pitches)
        {
            var frame = new float[PianoRoll.Keys];
            foreach (int pitch in pitches)
            {
                frame[pitch - PianoRoll.LowestPitch] = 1;
            }

            return frame;
        }

        // Outer fifths rising together; oblique; contrary; inner octaves of four voices rising together; three voices.
        Assert.True(VoiceLeading.MovesInParallels(Frame(48, 55), Frame(50, 57)));
        Assert.False(VoiceLeading.MovesInParallels(Frame(48, 55), Frame(48, 57)));
        Assert.False(VoiceLeading.MovesInParallels(Frame(48, 55), Frame(50, 55)));
        Assert.True(VoiceLeading.MovesInParallels(Frame(48, 55, 67, 72), Frame(48, 57, 69, 72)));
        Assert.False(VoiceLeading.MovesInParallels(Frame(48, 55, 67), Frame(48, 57, 69)));
        Assert.False(VoiceLeading.MovesInParallels(Frame(), Frame(50, 57)));
    }

    [Fact]
    public void GeneratedMusicKeepsNoParallelsAndIsUnchangedUpToTheFirstFrameRedrawn()
    {
        using var sampler = new Sampler(_model);
        int parallelsFree = 0, parallelsRuled = 0;
        for (int piece = 0; piece < 4; piece++)
        {
            PianoRoll primer = _jsb.Test[piece].Slice(0, 8);
            PianoRoll free = sampler.Generate(primer, 48, new SamplingOptions { Seed = (ulong)piece });
            PianoRoll ruled = sampler.Generate(primer, 48, new SamplingOptions { Seed = (ulong)piece, AvoidParallels = true });

            int firstFree = FirstParallel(primer, free);
            parallelsFree += Parallels(primer, free);
            parallelsRuled += Parallels(primer, ruled);
            int same = firstFree < 0 ? free.Steps : firstFree;
            Assert.True(free.Slice(0, same).Notes().SequenceEqual(ruled.Slice(0, same).Notes()), $"piece {piece} differs before step {same}");
        }

        Assert.True(parallelsFree > 0, "the model should fall into parallels without the rule, or the test shows nothing");
        Assert.Equal(0, parallelsRuled);
    }

    [Fact]
    public void HarmonizationsKeepTheMelodyAndNoParallels() =>
        AssertTheRuleLeavesNoParallels(pieces: 3, particles: 16, piece => HeldKeys.TopVoice(_jsb.Test[piece].Slice(0, 32)),
            firstMove: 1, lastMove: 31);

    // The moves into the gap's first step, within it, and out of its last step into the held step after it.
    [Fact]
    public void FilledGapsMoveIntoAndOutOfTheirStepsWithoutParallels() =>
        AssertTheRuleLeavesNoParallels(pieces: 20, particles: 8, piece => HeldKeys.Around(_jsb.Test[piece].Slice(0, 24), 8, 16),
            firstMove: 8, lastMove: 16);

    /// <summary>
    /// Draws each piece's held keys without the rule and with it, and counts parallels in the moves into steps
    /// <paramref name="firstMove"/> to <paramref name="lastMove"/>: some without, none with, every held key kept.
    /// </summary>
    private void AssertTheRuleLeavesNoParallels(int pieces, int particles, Func<int, HeldKeys> hold, int firstMove, int lastMove)
    {
        using var sampler = new ConditionalSampler(_model);
        int parallelsFree = 0, parallelsRuled = 0;
        for (int piece = 0; piece < pieces; piece++)
        {
            HeldKeys held = hold(piece);
            var options = new ConditionalSamplingOptions { Particles = particles, Seed = (ulong)piece };
            PianoRoll free = sampler.Generate(held, options).Roll;
            PianoRoll ruled = sampler.Generate(held, options with { AvoidParallels = true }).Roll;

            Assert.True(held.AreKeptBy(ruled));
            for (int t = firstMove; t <= lastMove; t++)
            {
                parallelsFree += MovesInParallels(free, free, t) ? 1 : 0;
                parallelsRuled += MovesInParallels(ruled, ruled, t) ? 1 : 0;
            }
        }

        Assert.True(parallelsFree > 0, "the model should fall into parallels without the rule, or the test shows nothing");
        Assert.Equal(0, parallelsRuled);
    }

    // The primer's last frame and every drawn one, each frame against the one before it.
    private static int Parallels(PianoRoll primer, PianoRoll drawn)
    {
        int count = 0;
        for (int t = 0; t < drawn.Steps; t++)
        {
            count += MovesInParallels(primer, drawn, t) ? 1 : 0;
        }

        return count;
    }

    private static int FirstParallel(PianoRoll primer, PianoRoll drawn) =>
        Enumerable.Range(0, drawn.Steps).FirstOrDefault(t => MovesInParallels(primer, drawn, t), -1);

    private static bool MovesInParallels(PianoRoll primer, PianoRoll drawn, int t)
    {
        var before = new float[PianoRoll.Keys];
        var after = new float[PianoRoll.Keys];
        if (t == 0)
        {
            primer.CopyFrame(primer.Steps - 1, before);
        }
        else
        {
            drawn.CopyFrame(t - 1, before);
        }

        drawn.CopyFrame(t, after);
        return VoiceLeading.MovesInParallels(before, after);
    }
}
