using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Rendering;

public sealed class KeyHistogramPlotTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void TheFigureIsAPng()
    {
        string path = _directory.File("keys.png");

        KeyHistogramPlot.Write(path, [PianoRoll.FromPitches([[60, 64], [67]])], "test");

        Assert.Equal((1000, 420), Png.Size(path));
    }

    public void Dispose() => _directory.Dispose();
}
