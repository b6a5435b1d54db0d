using System.Text.Json;
using RollNet.Data;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>Without <c>--model</c>, the commands run the model that <c>rollnet</c> carries.</summary>
public sealed class BundledModelTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void GenerateWithoutAModelWritesMidi()
    {
        string song = _directory.File("song.mid");

        CliResult generate = Cli.Run("generate", "--steps", "32", "--seed", "3", "--threads", "1", "--out", song);

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains("0 primer and 32 generated steps", generate.Output, StringComparison.Ordinal);
        // The bundled model learnt JSB Chorales on quarter notes, and its music is written on that grid.
        Assert.InRange(MidiRollReader.Read(song, stepsPerQuarter: 1).Steps, 1, 32);
    }

    [Fact]
    public void EvalWithoutAModelMeasuresTheBundledOne()
    {
        CliResult eval = Cli.Run("eval", "--data", SharedDatasets.File("jsb_tiny.pickle"), "--json", "--threads", "1");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        using JsonDocument figures = JsonDocument.Parse(eval.Output);
        // Far better than the 88 × ln 2 ≈ 61 nats per frame of a model that knows nothing.
        Assert.InRange(figures.RootElement.GetProperty("nllPerFrame").GetDouble(), 1, 20);
    }

    [Fact]
    public void EvalChoosesItsThresholdOnTheValidationSplit()
    {
        string data = SharedDatasets.File("jsb_tiny.pickle");
        CliResult chosen = Cli.Run("eval", "--data", data, "--split", "valid", "--threshold", "valid", "--json", "--threads", "1");
        CliResult half = Cli.Run("eval", "--data", data, "--split", "valid", "--json", "--threads", "1");

        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.True(half.ExitCode == 0, half.ToString());
        using JsonDocument chosenFigures = JsonDocument.Parse(chosen.Output), halfFigures = JsonDocument.Parse(half.Output);
        double threshold = chosenFigures.RootElement.GetProperty("threshold").GetDouble();
        Assert.Contains($"threshold {threshold:0.00}, chosen on the valid split", chosen.Error, StringComparison.Ordinal);
        Assert.Equal(0.5, halfFigures.RootElement.GetProperty("threshold").GetDouble());
        // On the split it was chosen on, the chosen threshold cannot do worse than 0.5, one of those it tried.
        Assert.True(chosenFigures.RootElement.GetProperty("bayAccuracy").GetDouble()
            >= halfFigures.RootElement.GetProperty("bayAccuracy").GetDouble());
        Assert.Equal(halfFigures.RootElement.GetProperty("nllPerFrame").GetDouble(),
            chosenFigures.RootElement.GetProperty("nllPerFrame").GetDouble());
    }

    public void Dispose() => _directory.Dispose();
}
