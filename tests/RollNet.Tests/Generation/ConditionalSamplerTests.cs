using System.Numerics.Tensors;
using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Generation;
using RollNet.Heads;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Generation;

/// <summary>
/// The sequential Monte Carlo sampler against the exact conditional distribution, computed by brute force on a piece
/// where only four keys are free: 16 outcomes, each scored by the model.
/// </summary>
public sealed class ConditionalSamplerTests : IDisposable
{
    // Free keys: two in step 0 and two in step 2; steps 1 and 3 are held whole and depend on what was drawn before them.
    private static readonly (int Step, int Key)[] Free = [(0, 40), (0, 43), (2, 40), (2, 43)];

    private readonly CpuBackend _backend = new(1);

    public void Dispose() => _backend.Dispose();

    [Theory]
    [InlineData("sigmoid", KeyOrder.Ascending)]
    [InlineData("nade", KeyOrder.Ascending)]
    [InlineData("nade", KeyOrder.Descending)]
    [InlineData("nade", KeyOrder.OutsideIn)]
    public void ItsDrawsFollowTheExactConditionalDistribution(string head, KeyOrder order)
    {
        using RollModel model = Model(head, order);
        (double[] exact, _) = Exact(model);
        using var sampler = new ConditionalSampler(model);

        double withParticles = ChiSquare(sampler, exact, particles: 256, out int degrees);
        double withOne = ChiSquare(sampler, exact, particles: 1, out _);

        // χ² at p = 0.001 for up to 15 degrees of freedom; one particle ignores what the later held keys say, and the
        // test must be able to tell.
        double critical = ChiSquareCritical(degrees);
        Assert.True(withParticles < critical, $"χ² {withParticles:F1} with {degrees} degrees of freedom, critical {critical}");
        Assert.True(withOne > critical, $"one particle's χ² {withOne:F1} should exceed {critical}: the test cannot see conditioning");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    public void ItsEstimateOfTheHeldKeysLikelihoodConvergesToTheExactValue(string head)
    {
        using RollModel model = Model(head);
        (_, double exactHeld) = Exact(model);
        using var sampler = new ConditionalSampler(model);
        HeldKeys held = Held();

        double MeanError(int particles) => Enumerable.Range(1, 8).Average(seed =>
            Math.Abs(sampler.Generate(held, new ConditionalSamplingOptions { Particles = particles, Seed = (ulong)seed }).HeldLogProbability - exactHeld));

        // The error of an importance-sampling estimate shrinks as 1/√N: here about 0.5, 0.2 and 0.05 nats.
        double[] errors = [MeanError(4), MeanError(64), MeanError(1024)];
        Assert.True(errors[0] > errors[1] && errors[1] > errors[2] && errors[2] < 0.1,
            $"mean errors {string.Join(", ", errors)} nats with 4, 64 and 1024 particles");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void ThePieceKeepsEveryHeldKeyAndItsLikelihoodIsTheModels(string head)
    {
        using RollModel model = Model(head);
        var melody = new PianoRoll(12);
        for (int t = 0; t < melody.Steps; t++)
        {
            melody[t, 50 + (t * 5 % 7)] = t % 4 != 3;
        }

        HeldKeys held = HeldKeys.TopVoice(melody);
        using var sampler = new ConditionalSampler(model);

        ConditionalPiece piece = sampler.Generate(held, new ConditionalSamplingOptions { Particles = 32, Seed = 9 });

        Assert.True(held.AreKeptBy(piece.Roll));
        Assert.Equal(12, piece.FreeSteps);
        Assert.Equal(LogProbability(model, piece.Roll), piece.LogProbability, 3);
        Assert.True(double.IsFinite(piece.FreeNllPerStep) && piece.FreeNllPerStep > 0, $"{piece.FreeNllPerStep}");
        ConditionalPiece again = sampler.Generate(held, new ConditionalSamplingOptions { Particles = 32, Seed = 9 });
        Assert.True(piece.Roll.ContentEquals(again.Roll));
        Assert.Equal(piece.HeldLogProbability, again.HeldLogProbability);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("nade")]
    [InlineData("categorical")]
    public void KeyLogProbabilitiesSumToTheModelsLikelihood(string head)
    {
        using RollModel model = Model(head);
        using var runner = new InferenceRunner(model);
        PianoRoll roll = Outcome(Held(), 5);

        double[] keys = Evaluation.KeyLogProbabilities(runner, roll);

        Assert.Equal(roll.Steps * PianoRoll.Keys, keys.Length);
        Assert.All(keys, k => Assert.True(k <= 0, $"{k}"));
        Assert.Equal(LogProbability(model, roll), keys.Sum(), 3);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        using RollModel model = Model("nade");
        using var sampler = new ConditionalSampler(model);
        var held = new HeldKeys(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Generate(held, new ConditionalSamplingOptions { Particles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            sampler.Generate(held, new ConditionalSamplingOptions { Particles = ConditionalSampler.MaxParticles + 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Generate(new HeldKeys(2048), new ConditionalSamplingOptions { Particles = 4096 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Generate(held, new ConditionalSamplingOptions { Temperature = 0 }));
        Assert.Throws<ArgumentException>(() => HeldKeys.TopVoice(new PianoRoll(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldKeys.Around(new PianoRoll(5), 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldKeys.Around(new PianoRoll(5), 2, 6));
    }

    /// <summary>
    /// A small model with its parameters scaled up, so that a step depends strongly on the steps and keys before it and
    /// the held steps after a free one say much about it.
    /// </summary>
    private RollModel Model(string head, KeyOrder order = KeyOrder.Ascending)
    {
        var config = new ModelConfig(Layers: 1, HiddenSize: 8, Dropout: 0, Head: TestHeads.Small(head, 6, order));
        using var initial = new RollModel(_backend, config, seed: 5);
        float[] values = initial.Parameters.Download();
        TensorPrimitives.Multiply(values, 3f, values);
        return new RollModel(_backend, config, values);
    }

    /// <summary>Steps 0 and 2 hold every key but the free ones; steps 1 and 3 hold a chord each.</summary>
    private static HeldKeys Held()
    {
        var held = new HeldKeys(4);
        int[][] chords = [[28], [40, 47], [35], [43, 52]];
        for (int t = 0; t < 4; t++)
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                if (!Free.Contains((t, k)))
                {
                    held.Hold(t, k, chords[t].Contains(k));
                }
            }
        }

        return held;
    }

    /// <summary>The held piece with the free keys set to the bits of <paramref name="outcome"/>.</summary>
    private static PianoRoll Outcome(HeldKeys held, int outcome)
    {
        var roll = new PianoRoll(held.Steps);
        for (int t = 0; t < held.Steps; t++)
        {
            for (int k = 0; k < PianoRoll.Keys; k++)
            {
                roll[t, k] = held.IsHeldOn(t, k);
            }
        }

        for (int i = 0; i < Free.Length; i++)
        {
            roll[Free[i].Step, Free[i].Key] = (outcome >> i & 1) != 0;
        }

        return roll;
    }

    private static int OutcomeOf(PianoRoll roll) =>
        Enumerable.Range(0, Free.Length).Sum(i => roll[Free[i].Step, Free[i].Key] ? 1 << i : 0);

    /// <summary>p(outcome | held keys) for each of the 16 outcomes, and log p(held keys), by brute force.</summary>
    private static (double[] Probabilities, double HeldLogProbability) Exact(RollModel model)
    {
        HeldKeys held = Held();
        double[] logs = [.. Enumerable.Range(0, 1 << Free.Length).Select(o => LogProbability(model, Outcome(held, o)))];
        double max = logs.Max();
        double logSum = max + Math.Log(logs.Sum(l => Math.Exp(l - max)));
        return ([.. logs.Select(l => Math.Exp(l - logSum))], logSum);
    }

    /// <summary>log p(roll) as the sampler sees it: every frame predicted, the first from one silent frame.</summary>
    private static double LogProbability(RollModel model, PianoRoll roll)
    {
        using var runner = new InferenceRunner(model);
        return -runner.Evaluate(SequenceBatch.FromRolls([PianoRoll.Concat(new PianoRoll(1), roll)]));
    }

    /// <summary>Pearson's χ² of 2,000 pieces, one per seed, against <paramref name="exact"/>, rare outcomes pooled.</summary>
    private static double ChiSquare(ConditionalSampler sampler, double[] exact, int particles, out int degrees)
    {
        const int Draws = 2000;
        HeldKeys held = Held();
        var counts = new int[exact.Length];
        for (int seed = 0; seed < Draws; seed++)
        {
            counts[OutcomeOf(sampler.Generate(held, new ConditionalSamplingOptions { Particles = particles, Seed = (ulong)seed }).Roll)]++;
        }

        // Outcomes expected fewer than 5 times go into one bin, as the test requires.
        double chi = 0, pooledExpected = 0, pooledObserved = 0;
        int bins = 0;
        for (int o = 0; o < exact.Length; o++)
        {
            double expected = Draws * exact[o];
            if (expected < 5)
            {
                pooledExpected += expected;
                pooledObserved += counts[o];
                continue;
            }

            chi += (counts[o] - expected) * (counts[o] - expected) / expected;
            bins++;
        }

        if (pooledExpected > 0)
        {
            chi += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / Math.Max(pooledExpected, 1e-9);
            bins++;
        }

        degrees = bins - 1;
        return chi;
    }

    // Upper 0.1 % points of χ² for 1 to 15 degrees of freedom.
    private static double ChiSquareCritical(int degrees) =>
        new[] { 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59, 31.26, 32.91, 34.53, 36.12, 37.70 }[degrees - 1];
}
