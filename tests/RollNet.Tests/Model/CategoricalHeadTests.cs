using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Heads;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>
/// The categorical head over five keys and a rest, its logits fixed by its bias (every other parameter 0, so the top
/// state is 0): its draws, its held draws, its keys decided from the top and its output bias start.
/// </summary>
public sealed class CategoricalHeadTests : IDisposable
{
    private const int Keys = 5, Draws = 20000;

    // Five keys, then the rest.
    private static readonly float[] Logits = [0.5f, -1f, 1.2f, 0f, -0.3f, 0.8f];

    private readonly CpuBackend _backend = new(1);
    private readonly RollModel _model;
    private readonly HeadActivations _activations;
    private readonly DeviceBuffer _hidden, _input;

    public CategoricalHeadTests()
    {
        var config = new ModelConfig(Layers: 1, HiddenSize: 3, Dropout: 0, InputSize: Keys, OutputSize: Keys,
            Head: new CategoricalHeadOptions());
        var layout = new ParameterLayout(config);
        var parameters = new float[layout.Length];
        Logits.CopyTo(parameters, layout[CategoricalHead.BiasName].Offset);
        _model = new RollModel(_backend, config, parameters);
        (_hidden, _input) = (_backend.Allocate(3), _backend.Allocate(Keys));
        _activations = _model.Head.CreateActivations();
        _model.Head.Forward(_activations, _hidden.All, _input.All, 1, MatrixPrecision.Float32, 0);
    }

    public void Dispose()
    {
        _activations.Dispose();
        _hidden.Dispose();
        _input.Dispose();
        _model.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public void ItsDrawsFollowTheSoftmaxAtTheTemperature()
    {
        var counts = new int[Keys + 1];
        var frame = new float[Keys];
        for (int d = 0; d < Draws; d++)
        {
            _model.Head.SampleFrame(_activations, 0, new FrameDraw(0.7f, 0, 3, (ulong)d), frame);
            Assert.True(frame.Sum() <= 1);
            counts[ClassOf(frame)]++;
        }

        AssertFollows(counts, Softmax(0.7, _ => true));
    }

    [Fact]
    public void AHeldDrawFollowsTheClassesThatAgreeWithTheHeldKeys()
    {
        // Key 1 held sounding, key 3 held silent: the frame's highest key is 1, or a free key above it (2 or 4).
        float[] held = [0, 1, 0, 0, 0], decided = [0, 1, 0, 1, 0];
        bool Agrees(int c) => c is 1 or 2 or 4;
        double[] expected = Softmax(1, Agrees), all = Softmax(1, _ => true);
        var counts = new int[Keys + 1];
        var frame = new float[Keys];
        for (int d = 0; d < Draws; d++)
        {
            HeldDraw draw = _model.Head.SampleFrameHeld(_activations, 0, new FrameDraw(1, 0, 5, (ulong)d), held, decided,
                frame, []);
            Assert.Equal((1f, 0f), (frame[1], frame[3]));
            int c = Enumerable.Range(0, Keys).Reverse().First(k => frame[k] != 0);
            counts[c]++;
            Assert.Equal(Math.Log(all[1] + all[2] + all[4]), draw.HeldLogProbability, 6);
            Assert.Equal(Math.Log(all[c]), draw.FrameLogProbability, 6);
        }

        AssertFollows(counts, expected);
    }

    [Fact]
    public void KeysDecidedFromTheTopMultiplyToTheProbabilityOfTheFramesClass()
    {
        double[] all = Softmax(1, _ => true);
        float[] decided = [1, 1, 1, 1, 1];
        var frame = new float[Keys];
        var keys = new double[Keys];
        for (int c = 0; c <= Keys; c++)
        {
            var held = new float[Keys];
            if (c < Keys)
            {
                held[c] = 1;
            }

            HeldDraw draw = _model.Head.SampleFrameHeld(_activations, 0, new FrameDraw(1, 0, 0, 0), held, decided, frame, keys);

            Assert.Equal(held, frame);
            Assert.Equal(Math.Log(all[c]), keys.Sum(), 6);
            Assert.Equal(Math.Log(all[c]), draw.FrameLogProbability, 6);
            Assert.Equal(draw.FrameLogProbability, draw.HeldLogProbability);
        }
    }

    [Fact]
    public void AGreedyDecodeSoundsAtMostOneKeyAndTheMarginalsAreTheSoftmax()
    {
        double[] all = Softmax(1, _ => true);
        var logOdds = new float[Keys];
        var marginal = new float[Keys];

        _model.Head.MarginalLogOdds(_activations, 1, 0, marginal);
        for (int k = 0; k < Keys; k++)
        {
            Assert.Equal(Math.Log(all[k] / (1 - all[k])), marginal[k], 5);
        }

        foreach (double threshold in new[] { 0.1, 0.3, 0.5 })
        {
            _model.Head.LogOdds(_activations, threshold, logOdds);
            Assert.True(logOdds.Count(x => 1 / (1 + Math.Exp(-x)) > threshold) <= 1, $"at {threshold}");
        }

        // From the top: key 4 sounds with p(4) / Σ p, key 3 given 4 silent with p(3) / (1 − p(4)).
        Assert.Equal(Math.Log(all[4] / (1 - all[4])), logOdds[4], 5);
        Assert.Equal(Math.Log(all[3] / (1 - all[4] - all[3])), logOdds[3], 5);
    }

    [Fact]
    public void TheOutputBiasStartsAtEachClasssFrequency()
    {
        float[] melody = new CategoricalHeadOptions().OutputBiasStart([0.1, 0.2, 0.05, 0.15, 0.1]);
        float[] chords = new CategoricalHeadOptions().OutputBiasStart([0.5, 0.6, 0.05, 0.15, 0.1]);

        Assert.Equal(Math.Log(0.4), melody[Keys], 6);
        Assert.Equal(Math.Log(0.2), melody[1], 6);
        Assert.Equal(1, chords.Sum(x => Math.Exp(x)), 6);
        Assert.Equal(chords[2], chords[Keys]);
    }

    private static int ClassOf(float[] frame) => Array.FindLastIndex(frame, v => v != 0) is >= 0 and var k ? k : Keys;

    private static double[] Softmax(double temperature, Func<int, bool> agrees)
    {
        double[] weights = [.. Logits.Select((z, c) => agrees(c) ? Math.Exp(z / temperature) : 0)];
        double total = weights.Sum();
        return [.. weights.Select(w => w / total)];
    }

    /// <summary>χ² of the counts against the expected probabilities, below its critical value at p = 0.001.</summary>
    private static void AssertFollows(int[] counts, double[] expected)
    {
        double chiSquare = 0;
        int degrees = -1;
        for (int c = 0; c < counts.Length; c++)
        {
            if (expected[c] == 0)
            {
                Assert.Equal(0, counts[c]);
                continue;
            }

            double e = expected[c] * counts.Sum();
            chiSquare += (counts[c] - e) * (counts[c] - e) / e;
            degrees++;
        }

        // χ² at p = 0.001 for 2 and 5 degrees of freedom.
        double critical = degrees == 2 ? 13.82 : 20.52;
        Assert.True(degrees is 2 or 5 && chiSquare < critical, $"χ² {chiSquare:F1} with {degrees} degrees of freedom");
    }
}
