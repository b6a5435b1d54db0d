using System.Runtime.Intrinsics;
using RollNet.Tests.Cli;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using RollNet.Tests.Packaging;
using RollNet.Tests.Training;
using Xunit;

namespace RollNet.Tests.Determinism;

/// <summary>
/// The Vector512 and Vector256 paths of every CPU kernel give the same bits: training, evaluation and generation
/// in a process limited to Vector256 write the same files as in one that uses Vector512.
/// </summary>
public sealed class InstructionSetTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [SkippableTheory]
    [InlineData("sigmoid", "32")]
    [InlineData("nade", "8")]
    public void Vector256AndVector512WriteTheSameBytes(string head, string batch)
    {
        Skip.IfNot(Vector512.IsHardwareAccelerated, "this machine has no Vector512 path to compare with Vector256");

        // .NET 10 reads DOTNET_EnableAVX512; it ignores the DOTNET_EnableAVX512F of earlier versions.
        string wide = Run(head, batch, "vector512", new Dictionary<string, string>());
        string narrow = Run(head, batch, "vector256", new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" });

        foreach (string name in new[] { "run/best.rollnet", "run/last.rollnet", "eval.json", "song.json" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(wide, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(narrow, name))),
                $"{name} differs between Vector512 and Vector256 with the {head} head");
        }

        MetricsAssert.SameRecords(Path.Combine(wide, "run/metrics.csv"), Path.Combine(narrow, "run/metrics.csv"));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Trains, evaluates and generates in a child process. Sizes with remainders past every vector width (40 units,
    /// 13 NADE units), and past the size at which work is shared among two threads.
    /// </summary>
    private string Run(string head, string batch, string name, IReadOnlyDictionary<string, string> environment)
    {
        string folder = _directory.File(name), data = SharedDatasets.File("jsb_tiny.pickle");
        Directory.CreateDirectory(folder);
        string rollnet = Path.Combine(AppContext.BaseDirectory, "rollnet.dll");
        CliResult Rollnet(params string[] args)
        {
            CliResult result = ChildProcess.Run("dotnet", [rollnet, .. args, "--threads", "2"], folder, environment);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }

        string[] headOptions = head == "nade" ? ["--head", head, "--nade-hidden", "13"] : ["--head", head];
        Rollnet(["train", "--data", data, .. headOptions, "--layers", "2", "--hidden", "40", "--batch", batch,
            "--transpose", "6", "--epochs", "2", "--clip", "0.01", "--seed", "3", "--out", "run"]);
        File.WriteAllText(Path.Combine(folder, "eval.json"),
            Rollnet("eval", "--model", "run/best.rollnet", "--data", data, "--split", "test", "--json").Output);
        Rollnet("generate", "--model", "run/best.rollnet", "--steps", "48", "--seed", "4", "--out", "song.mid",
            "--json", "song.json");
        return folder;
    }
}
