using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using RollNet.Data;
using RollNet.Rendering;
using RollNet.Tests.Cli;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Rendering;
using RollNet.Training;
using Xunit;

namespace RollNet.Tests.Packaging;

/// <summary>
/// Packs the <c>rollnet</c> tool as a user would (<c>dotnet pack</c>, the SDK on PATH), installs it from the local
/// package folder and runs it. Offline: the packages come from the NuGet cache the solution's restore filled. The sizes
/// and platforms asserted here are the ones README.md's "Packages" section states.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private const string Version = "0.0.0-local";

    // Bytes, as README.md states them. Installed, the package's contents sit beside two copies of the package itself,
    // so each bundled model counts three times there.
    private const long PackedLimit = 40_000_000, InstalledLimit = 165_000_000;

    // The platforms whose SkiaSharp and HarfBuzzSharp libraries the tool carries (PictureRuntimeIdentifiers in its project).
    private static readonly string[] PictureRuntimes = ["linux-arm64", "linux-x64", "osx", "win-arm64", "win-x64"];

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task TheToolInstallsFromALocalFolderAndRuns()
    {
        string packages = _directory.File("packages"), tools = _directory.File("tools"), config = _directory.File("NuGet.config");
        Directory.CreateDirectory(packages);
        // Only the local folder: nothing may come from a registry.
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        // Built under the temporary folder, so that the checkout's bin and obj stay as they are.
        Succeeds(ChildProcess.Run("dotnet",
            ["pack", Repository.Path("src", "RollNet.Cli", "RollNet.Cli.csproj"), "-c", "Release", "-o", packages,
             "--artifacts-path", _directory.File("artifacts"), "--disable-build-servers", $"-p:Version={Version}",
             $"-p:RestoreConfigFile={config}"], _directory.Path));
        string package = Path.Combine(packages, $"RollNet.Cli.{Version}.nupkg");
        Assert.InRange(new FileInfo(package).Length, 1, PackedLimit);
        Assert.Equal(PictureRuntimes, NativeRuntimes(package));
        Succeeds(ChildProcess.Run("dotnet",
            ["tool", "install", "--tool-path", tools, "--configfile", config, "RollNet.Cli", "--version", Version],
            _directory.Path));
        string rollnet = Path.Combine(tools, OperatingSystem.IsWindows() ? "rollnet.exe" : "rollnet");
        Assert.InRange(new DirectoryInfo(tools).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length), 1, InstalledLimit);

        CliResult help = Succeeds(ChildProcess.Run(rollnet, ["--help"], _directory.Path));
        foreach (string command in new[] { "bench", "train", "eval", "generate", "piano", "convert", "data" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", help.Output);
        }

        // The bundled model travels inside the package, and this platform's picture libraries with it.
        string song = _directory.File("song.mid"), picture = _directory.File("song.png");
        Succeeds(ChildProcess.Run(rollnet, ["generate", "--steps", "16", "--threads", "1", "--out", song, "--png", picture],
            _directory.Path));
        Assert.InRange(MidiRollReader.Read(song, stepsPerQuarter: 1).Steps, 1, 16);
        Assert.InRange(Png.Size(picture).Width, 1, int.MaxValue);

        // So does NeuralPiano's page, embedded in its assembly.
        using Process piano = ChildProcess.Start(rollnet, ["piano", "--port", "0", "--device", "cpu"], _directory.Path);
        try
        {
            string? started = await piano.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Match address = Regex.Match(started ?? "", @"http://127\.0\.0\.1:\d+/");
            Assert.True(address.Success, $"no address in \"{started}\"");
            using var client = new HttpClient();
            Assert.Contains("NeuralPiano", await client.GetStringAsync(new Uri(address.Value)), StringComparison.Ordinal);
        }
        finally
        {
            piano.Kill(entireProcessTree: true);
            await piano.WaitForExitAsync();
        }

        // As on a platform the tool carries no picture library for: one line naming the library, and nothing written.
        foreach (string library in Directory.GetFiles(tools, "libSkiaSharp.*", SearchOption.AllDirectories))
        {
            File.Delete(library);
        }

        CliResult missing = ChildProcess.Run(rollnet, ["convert", song, _directory.File("again.png")], _directory.Path);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Matches(@"^rollnet: cannot load libSkiaSharp or one of its dependencies on \S+; rollnet carries its picture libraries for .+ only\r?\n$",
            missing.Error);
        Assert.False(File.Exists(_directory.File("again.png")));

        // Training draws only its curves: it goes on without them and says so once.
        string run = _directory.File("run");
        CliResult trained = Succeeds(ChildProcess.Run(rollnet, ["train", "--data", SharedDatasets.File("jsb_tiny.pickle"),
            "--hidden", "8", "--epochs", "2", "--threads", "1", "--out", run], _directory.Path));
        Assert.Matches($@"^rollnet: cannot load libSkiaSharp .+; training goes on without {Regex.Escape(LearningCurves.FileName)}\r?\n$", trained.Error);
        Assert.True(File.Exists(Path.Combine(run, TrainingRun.LastFileName)));
        Assert.False(File.Exists(Path.Combine(run, LearningCurves.FileName)));
    }

    public void Dispose() => _directory.Dispose();

    // The platform folders under runtimes/ in the package, sorted.
    private static string[] NativeRuntimes(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => Regex.Match(e.FullName, "/runtimes/([^/]+)/native/"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    private static CliResult Succeeds(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
