using NAudio.Wave;
using RollNet.Audio;
using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Rendering;
using SkiaSharp;
using Xunit;

namespace RollNet.Tests.Cli;

public sealed class CliPictureAndSoundTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void GenerateDrawsPrimerAndContinuationAndPlaysThemAndEvalDrawsFigure5()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle"), run = _directory.File("run");
        CliResult train = Cli.Run("train", "--data", data, "--layers", "1", "--hidden", "8", "--epochs", "1",
            "--batch", "2", "--threads", "1", "--out", run);
        Assert.True(train.ExitCode == 0, train.ToString());
        string model = Path.Combine(run, "best.rollnet");
        string song = _directory.File("song.json"), png = _directory.File("song.png"), wav = _directory.File("song.wav");

        CliResult generate = Cli.Run("generate", "--model", model, "--prime-data", data, "--prime-index", "1",
            "--prime-steps", "8", "--steps", "16", "--out", _directory.File("song.mid"), "--json", song, "--png", png,
            "--wav", wav, "--tempo", "150", "--threads", "1");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        PianoRoll roll = PianoRollJson.Read(song).Roll;
        using (SKBitmap picture = SKBitmap.Decode(png))
        {
            RollPanel panel = PianoRollImage.Layout(roll.Steps, new PianoRollImageOptions { SplitStep = 8 });
            Assert.Equal(panel.Left + panel.Width + PianoRollImage.Margin, picture.Width);
            for (int t = 0; t < roll.Steps; t++)
            {
                foreach (int pitch in roll.PitchesAt(t))
                {
                    SKColor expected = t < 8 ? PianoRollImage.PrimerColour : PianoRollImage.ContinuationColour;
                    Assert.Equal(expected, PianoRollImageTests.Inside(picture, panel, t, pitch - PianoRoll.LowestPitch));
                }
            }
        }

        using (var reader = new WaveFileReader(wav))
        {
            // 24 steps of an eighth note at 150 quarter notes a minute, and the release.
            Assert.Equal(44100, reader.WaveFormat.SampleRate);
            Assert.InRange(reader.TotalTime.TotalSeconds, 24 * 0.2, (24 * 0.2) + PianoSynthesizer.ReleaseSeconds + 0.001);
        }

        string figure = _directory.File("figure5.png");
        CliResult eval = Cli.Run("eval", "--model", model, "--data", data, "--png", figure, "--png-index", "1", "--threads", "1");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        int steps = PickleDatasetReader.Read(data).Test[1].Steps;
        (_, _, int width, int height) = PredictionFigure.Layout(steps);
        Assert.Equal((width, height), Png.Size(figure));
        CliResult past = Cli.Run("eval", "--model", model, "--data", data, "--png", figure, "--png-index", "9", "--threads", "1");
        Assert.Equal(1, past.ExitCode);
        Assert.Contains("--png-index 9 is past the 2 sequences", past.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertDrawsARollAndDataStatsDrawsFigure1()
    {
        string json = _directory.File("a.json"), png = _directory.File("a.png"), keys = _directory.File("keys.png");
        File.WriteAllText(json, """{"stepsPerQuarter": 4, "frames": [[60, 64], [60, 64], [], [67]]}""");

        CliResult convert = Cli.Run("convert", json, png);
        CliResult stats = Cli.Run("data", "stats", SharedDatasets.File("jsb_tiny.pickle"), "--png", keys);

        Assert.True(convert.ExitCode == 0, convert.ToString());
        RollPanel panel = PianoRollImage.Layout(4, new PianoRollImageOptions());
        using (SKBitmap picture = SKBitmap.Decode(png))
        {
            Assert.Equal(PianoRollImage.PrimerColour, PianoRollImageTests.Inside(picture, panel, 1, 64 - PianoRoll.LowestPitch));
            Assert.Equal(RollPanel.Background, PianoRollImageTests.Inside(picture, panel, 2, 64 - PianoRoll.LowestPitch));
        }

        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Equal((1000, 420), Png.Size(keys));
        Assert.NotEqual(0, Cli.Run("convert", png, _directory.File("b.json")).ExitCode);
    }

    public void Dispose() => _directory.Dispose();
}
