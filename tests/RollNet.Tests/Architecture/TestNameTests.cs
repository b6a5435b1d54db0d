using System.Text.RegularExpressions;
using Xunit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// Every test of every test project is named in one style, a sentence in PascalCase (<c>ASplitOffTheMiddle…</c>), so
/// that the names read alike in a report; a name with an underscore shows here with its file.
/// </summary>
public sealed partial class TestNameTests
{
    [Fact]
    public void EveryTestIsNamedInPascalCase()
    {
        string[] tests = [.. Directory.EnumerateFiles(Repository.Path("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
        var names = tests.SelectMany(file => TestMethod().Matches(File.ReadAllText(file))
            .Select(match => (File: Path.GetRelativePath(Repository.Root, file), Name: match.Groups["name"].Value))).ToList();

        Assert.True(names.Count > 400, $"only {names.Count} tests found: the pattern no longer sees them");
        Assert.Empty(names.Where(test => test.Name.Contains('_', StringComparison.Ordinal)).Select(test => $"{test.File}: {test.Name}"));
    }

    // An xunit test attribute, any further attributes, then the method's name.
    [GeneratedRegex(@"\[(?:Skippable)?(?:Fact|Theory)[^\]]*\](?:\s*\[[^\]]*\])*\s*public\s+(?:async\s+)?\w+(?:<[^>]*>)?\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();
}
