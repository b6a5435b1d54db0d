using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Tests.Model;
using RollNet.Tests.Training;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Generation;

public sealed class SamplerTests
{
    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    public void ATrainedModelContinuesTheChordCycle(string head)
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 24, Dropout: 0, Head: TestHeads.Small(head, 16)), seed: 2);
        using (var trainer = new Trainer(model, new TrainerOptions { LearningRate = 0.02f }))
        {
            var batch = SequenceBatch.FromRolls(Synthetic.Rolls(8, 20));
            for (int i = 0; i < 150; i++)
            {
                trainer.TrainBatch(batch);
            }
        }

        PianoRoll primer = Synthetic.Rolls(1, 6)[0];
        using var sampler = new Sampler(model);
        PianoRoll music = sampler.Generate(primer, 8, new SamplingOptions { Seed = 4 });
        Assert.Equal(8, music.Steps);

        // The primer ends on chord 1 (0-based: frames cycle 0,1,2,3,0,1), so the cycle goes on with 2, 3, 0, …
        PianoRoll expected = Synthetic.Rolls(1, 14)[0];
        int agreeing = 0;
        for (int t = 0; t < music.Steps; t++)
        {
            agreeing += music.PitchesAt(t).SequenceEqual(expected.PitchesAt(t + 6)) ? 1 : 0;
        }

        Assert.True(agreeing >= 6, $"only {agreeing} of 8 generated frames continue the cycle");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    public void TheSameSeedGivesTheSameMusicAndMaxNotesCapsEachFrame(string head)
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 2, HiddenSize: 8, Head: TestHeads.Small(head, 5)), seed: 5);
        using var sampler = new Sampler(model);
        var hot = new SamplingOptions { Seed = 8, Temperature = 3f };
        PianoRoll a = sampler.Generate(new PianoRoll(0), 20, hot);
        PianoRoll b = sampler.Generate(new PianoRoll(0), 20, hot);
        Assert.Equal(Pitches(a), Pitches(b));
        Assert.NotEqual(Pitches(a), Pitches(sampler.Generate(new PianoRoll(0), 20, hot with { Seed = 9 })));

        // An untrained model at a high temperature sounds about half the keys; the cap must hold every frame.
        Assert.Contains(Pitches(a), frame => frame.Length > 20);
        PianoRoll capped = sampler.Generate(new PianoRoll(0), 20, hot with { MaxNotes = 4 });
        Assert.All(Pitches(capped), frame => Assert.InRange(frame.Length, 0, 4));

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Generate(new PianoRoll(0), 4, hot with { Temperature = 0 }));
    }

    [Fact]
    public void ACancelledCallerGetsNoMusicFromEitherSampler()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8, Head: new NadeHeadOptions(5)), seed: 5);
        using var sampler = new Sampler(model);
        using var conditional = new ConditionalSampler(model);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => sampler.Generate(new PianoRoll(0), 8, new SamplingOptions(), cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => conditional.Generate(HeldKeys.TopVoice(PianoRoll.FromPitches([[72], [74]])),
            new ConditionalSamplingOptions { Particles = 2 }, cancelled.Token));
        Assert.Equal(8, sampler.Generate(new PianoRoll(0), 8, new SamplingOptions(), CancellationToken.None).Steps);
    }

    private static int[][] Pitches(PianoRoll roll) => [.. Enumerable.Range(0, roll.Steps).Select(roll.PitchesAt)];
}
