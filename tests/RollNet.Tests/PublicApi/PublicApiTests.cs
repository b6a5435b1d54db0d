using System.Reflection;
using PublicApiGenerator;
using Xunit;

namespace RollNet.Tests.PublicApi;

/// <summary>
/// The public surface of each shipped library equals its approved text in this folder, so every change to it is
/// made on purpose. On a difference the test writes <c>{assembly}.received.txt</c> beside the approved file; once
/// the change is wanted, copying it over <c>{assembly}.approved.txt</c> approves it.
/// </summary>
public sealed class PublicApiTests
{
    // Assembly attributes are left out: they carry versions and build details rather than the surface a caller uses.
    private static readonly ApiGeneratorOptions Options = new() { IncludeAssemblyAttributes = false, TreatRecordsAsClasses = false };

    [Fact]
    public void CoreMatchesItsApprovedSurface() => Verify(typeof(RollNet.Model.RollModel).Assembly);

    [Fact]
    public void GpuMatchesItsApprovedSurface() => Verify(typeof(RollNet.Gpu.IlgpuBackend).Assembly);

    [Fact]
    public void RenderingMatchesItsApprovedSurface() => Verify(typeof(RollNet.Rendering.PianoRollImage).Assembly);

    [Fact]
    public void LineEndsAndTrailingBlanksDoNotCount() =>
        Assert.Equal(Normalize("namespace A\n{\n}\n"), Normalize("namespace A  \r\n{\r\n}"));

    [Fact]
    public void TheDifferenceNamesEachLineAddedAndRemoved()
    {
        string difference = Difference("a\nb\n}\n}", "a\nc\n}");

        Assert.Contains("2 line(s) removed, 1 added:", difference, StringComparison.Ordinal);
        Assert.Contains("- b", difference, StringComparison.Ordinal);
        Assert.Contains("- }", difference, StringComparison.Ordinal);
        Assert.Contains("+ c", difference, StringComparison.Ordinal);
        Assert.DoesNotContain("- a", difference, StringComparison.Ordinal);
    }

    private static void Verify(Assembly assembly)
    {
        string name = assembly.GetName().Name!;
        string approvedPath = Repository.Path("tests", "RollNet.Tests", "PublicApi", $"{name}.approved.txt");
        string receivedPath = Repository.Path("tests", "RollNet.Tests", "PublicApi", $"{name}.received.txt");

        string received = Normalize(assembly.GeneratePublicApi(Options));
        string approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";
        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            $"The public API of {name} differs from {approvedPath}.{Environment.NewLine}" +
            $"{Difference(approved, received)}{Environment.NewLine}" +
            $"If the change is meant, copy {receivedPath} over the approved file.");
    }

    /// <summary>LF line ends, no trailing blanks, one final newline: the text compared, whatever the platform or editor.</summary>
    internal static string Normalize(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim('\n') + "\n";

    /// <summary>The lines only one side has, each counted as often as it occurs: "- " approved only, "+ " received only.</summary>
    internal static string Difference(string approved, string received)
    {
        List<string> removed = [.. approved.Split('\n')], added = [];
        foreach (string line in received.Split('\n'))
        {
            if (!removed.Remove(line))
            {
                added.Add(line);
            }
        }

        return string.Join(Environment.NewLine,
        [
            $"{removed.Count} line(s) removed, {added.Count} added:",
            .. removed.Select(line => $"- {line}"),
            .. added.Select(line => $"+ {line}"),
        ]);
    }
}
