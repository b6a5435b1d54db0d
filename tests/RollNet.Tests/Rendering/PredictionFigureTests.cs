using RollNet.Compute;
using RollNet.Compute.Cpu;
using RollNet.Data;
using RollNet.Inference;
using RollNet.Model;
using RollNet.Rendering;
using RollNet.Tests.Model;
using RollNet.Training;
using SkiaSharp;
using Xunit;

namespace RollNet.Tests.Rendering;

public sealed class PredictionFigureTests : IDisposable
{
    private const int C4 = 60 - PianoRoll.LowestPitch, G4 = 67 - PianoRoll.LowestPitch;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void PredictionsStandOverTheFrameTheyPredictAboveTheActualFrames()
    {
        PianoRoll actual = PianoRoll.FromPitches([[60], [67], []]);
        var probabilities = new float[3 * PianoRoll.Keys];
        probabilities[(0 * PianoRoll.Keys) + G4] = 1f; // after frame 0: frame 1 holds G4, surely
        probabilities[(1 * PianoRoll.Keys) + C4] = 0.5f;
        string path = _directory.File("figure5.png");

        PredictionFigure.Write(path, probabilities, actual);

        using SKBitmap picture = SKBitmap.Decode(path);
        (RollPanel predicted, RollPanel truth, int width, int height) = PredictionFigure.Layout(actual.Steps);
        Assert.Equal((width, height), (picture.Width, picture.Height));
        Assert.Equal(PredictionFigure.Shade(1), PianoRollImageTests.Inside(picture, predicted, 1, G4));
        Assert.Equal(PredictionFigure.Shade(0.5f), PianoRollImageTests.Inside(picture, predicted, 2, C4));
        Assert.Equal(RollPanel.Background, PianoRollImageTests.Inside(picture, predicted, 0, G4));
        Assert.Equal(PredictionFigure.NoteColour, PianoRollImageTests.Inside(picture, truth, 0, C4));
        Assert.Equal(PredictionFigure.NoteColour, PianoRollImageTests.Inside(picture, truth, 1, G4));
        Assert.Equal(RollPanel.Background, PianoRollImageTests.Inside(picture, truth, 2, C4));
    }

    [Fact]
    public void PredictionsAreProbabilitiesThatDependOnlyOnThePast()
    {
        using var backend = new CpuBackend(1);
        using var model = new RollModel(backend, new ModelConfig(Layers: 1, HiddenSize: 8), seed: 3);
        PianoRoll roll = PianoRoll.FromPitches([[60, 64], [62], [67], [60]]), changed = roll.Slice(0, 4);
        changed[3, 0] = true;

        float[] p = Evaluation.Predict(model, roll), q = Evaluation.Predict(model, changed);

        Assert.Equal(4 * PianoRoll.Keys, p.Length);
        Assert.All(p, x => Assert.InRange(x, 0f, 1f));
        Assert.Equal(p.AsSpan(0, 3 * PianoRoll.Keys).ToArray(), q.AsSpan(0, 3 * PianoRoll.Keys).ToArray());
        Assert.NotEqual(p.AsSpan(3 * PianoRoll.Keys).ToArray(), q.AsSpan(3 * PianoRoll.Keys).ToArray());
    }

    [Fact]
    public void ProbabilitiesOfAnotherLengthAreRejected() =>
        Assert.Throws<ArgumentException>(() => PredictionFigure.Write(_directory.File("x.png"), new float[88], new PianoRoll(2)));

    public void Dispose() => _directory.Dispose();
}
