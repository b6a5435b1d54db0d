using RollNet.Data;
using RollNet.Diagnostics;
using RollNet.Tests.Cli;
using Rollnet = RollNet.Tests.Cli.Cli;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Packaging;
using Xunit;

namespace RollNet.Tests.Readme;

/// <summary>
/// Every command README.md shows in a <c>```bash</c> block is run by a test: the first one exactly as written, the
/// other <c>rollnet</c> commands in-process in a folder of their own (training with a tiny model for one epoch), and
/// the rest by the tests named in <see cref="RunElsewhere"/>. A command that exits 0 and prints nothing fails.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ReadmeCommandTests : IDisposable
{
    // Commands that need a machine of their own, a server or the test run itself, each with the file of the test or
    // script that runs it and a word that file holds where it does.
    private static readonly (string Prefix, string File, string Marker)[] RunElsewhere =
    [
        ("dotnet test RollNet.sln -c Release", ".ci/run", "\ndotnet test RollNet.sln -c Release\n"),
        ("dotnet test tests/RollNet.Tests -c Release --filter \"FullyQualifiedName~PublicApi\"",
            "tests/RollNet.Tests/PublicApi/PublicApiTests.cs", ".received.txt"),
        ("cp tests/RollNet.Tests/PublicApi/RollNet.Core.received.txt", "tests/RollNet.Tests/PublicApi/PublicApiTests.cs", ".approved.txt"),
        ("rollnet piano ", "tests/RollNet.Tests/Packaging/ToolPackageTests.cs", "[\"piano\", "),
        ("dotnet pack -c Release -o artifacts/packages", "tests/RollNet.Tests/Packaging/ToolPackageTests.cs", "[\"pack\", "),
        ("dotnet tool install --global --add-source artifacts/packages RollNet.Cli",
            "tests/RollNet.Tests/Packaging/ToolPackageTests.cs", "[\"tool\", \"install\", "),
        ("src/RollNet.Cli/Models/chorales.sh", "tests/RollNet.Tests/Cli/ChoralesRecipeTests.cs", "\"--quick\""),
        ("benchmarks/gpu-check.sh --dry-run", "tests/RollNet.Gpu.Tests/GpuCheckScriptTests.cs", "\"--dry-run\""),
        ("benchmarks/gpu-bundle.sh", "tests/RollNet.Gpu.Tests/GpuBundleFixture.cs", "\"gpu-bundle.sh\""),
        ("tar -xzf rollnet-gpu-check.tar.gz", "tests/RollNet.Gpu.Tests/GpuBundleScriptTests.cs", "[\"-xzf\", "),
        ("rollnet-gpu-check/gpu-check.sh", "tests/RollNet.Gpu.Tests/GpuBundleScriptTests.cs", "/gpu-check.sh\" --dry-run"),
    ];

    // What the files of the first command are called, in the checkout where it runs.
    private static readonly string[] FirstCommandFiles = ["chorale.mid", "chorale.wav", "chorale.png"];

    private readonly TempDirectory _directory = new();

    [Fact]
    public void TheFirstCommandRunsAsWrittenAndPrintsWhatTheReadmeShows()
    {
        string first = ReadmeCommands.First();
        Assert.StartsWith(ReadmeCommands.FromCheckout + "generate ", first, StringComparison.Ordinal);
        string[] files = [.. FirstCommandFiles.Select(name => Repository.Path(name))];
        DeleteAll(files);
        try
        {
            CliResult result = ChildProcess.Run("bash", ["-c", first], Repository.Root);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(ReadmeCommands.FirstOutput(), result.Output.ReplaceLineEndings("\n"));
            Assert.All(files, file => Assert.True(new FileInfo(file).Length > 0, $"{file} was not written"));
            Assert.Equal(256, MidiRollReader.Read(files[0], stepsPerQuarter: 1).Steps);
        }
        finally
        {
            DeleteAll(files);
        }
    }

    [Fact]
    public void EveryOtherRollnetCommandRunsAndSaysWhatItDid()
    {
        var failures = new List<string>();
        foreach (string command in ReadmeCommands.All().Skip(1))
        {
            if (ReadmeCommands.RollnetArguments(command) is not { } args || args[0] == "piano")
            {
                continue;
            }

            string[] local = Local(args);
            CliResult result = Rollnet.Run(local);
            if (result.ExitCode != 0 || (result.Output + result.Error).Trim().Length == 0)
            {
                failures.Add($"{command}\n  ran as: rollnet {string.Join(' ', local)}\n  {result}");
            }
            else if (args[0] == "bench")
            {
                failures.AddRange(QuickBenchmark.FigureNames.Where(name => !result.Output.Contains($"{name} ", StringComparison.Ordinal))
                    .Select(name => $"{command}: no figure {name} in\n{result.Output}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void EveryOtherCommandIsRunByTheTestThatNamesIt()
    {
        var unrun = new List<string>();
        foreach (string command in ReadmeCommands.All().Skip(1))
        {
            if (ReadmeCommands.RollnetArguments(command) is { } args && args[0] != "piano")
            {
                continue;
            }

            (string Prefix, string File, string Marker)? runner = RunElsewhere.FirstOrDefault(r => command.StartsWith(r.Prefix, StringComparison.Ordinal));
            if (runner is not { } r)
            {
                unrun.Add($"{command}: no test runs it");
            }
            else if (!File.Exists(Repository.Path(r.File)) ||
                     !File.ReadAllText(Repository.Path(r.File)).ReplaceLineEndings("\n").Contains(r.Marker, StringComparison.Ordinal))
            {
                unrun.Add($"{command}: {r.File} should run it but does not hold {r.Marker.Trim()}");
            }
        }

        Assert.True(unrun.Count == 0, string.Join('\n', unrun));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// <paramref name="args"/> with their files in this test's folder, the datasets found where the tests find them, and
    /// training cut to a tiny model and one epoch.
    /// </summary>
    private string[] Local(string[] args)
    {
        var local = args.Select(arg => !arg.StartsWith('-') && IsPath(arg) ? Path.Combine(_directory.Path, arg) : arg).ToList();
        if (args[0] == "train")
        {
            Set(local, "--epochs", "1");
            Set(local, "--hidden", "16");
            if (local.Contains("nade"))
            {
                Set(local, "--nade-hidden", "8");
            }
        }

        if (args.Any(arg => DatasetCatalog.Find(arg.Split(':')[0]) is not null))
        {
            local.AddRange(["--data-dir", SharedDatasets.Folder]);
        }

        return [.. local];
    }

    private static bool IsPath(string arg) =>
        arg.Contains('/', StringComparison.Ordinal) ||
        Path.GetExtension(arg) is ".mid" or ".json" or ".png" or ".wav" or ".rollnet";

    private static void Set(List<string> args, string option, string value)
    {
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
    }

    private static void DeleteAll(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            File.Delete(file);
        }
    }
}
