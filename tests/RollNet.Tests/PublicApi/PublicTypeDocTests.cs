using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace RollNet.Tests.PublicApi;

/// <summary>
/// Every public type of RollNet.Core has a summary in the XML documentation the build writes beside the assembly, where
/// a user's editor shows it. The compiler only asks for some doc comment on a public type; a type documented with
/// remarks alone, or with an empty summary, passes the build and fails here.
/// </summary>
public sealed class PublicTypeDocTests
{
    private static readonly Assembly Core = typeof(RollNet.Model.RollModel).Assembly;

    [Fact]
    public void EveryPublicTypeOfCoreHasASummary()
    {
        string path = Path.ChangeExtension(Core.Location, ".xml");
        Assert.True(File.Exists(path), $"no documentation file {path}: RollNet.Core.csproj sets GenerateDocumentationFile");

        string[] types = [.. Core.GetExportedTypes().Select(DocumentationId)];

        Assert.NotEmpty(types);
        Assert.Empty(MissingSummaries(File.ReadAllText(path), types));
    }

    [Fact]
    public void ATypeWithNoSummaryOrAnEmptyOneIsFound()
    {
        const string xml = """
            <?xml version="1.0"?>
            <doc>
              <members>
                <member name="T:A.Documented"><summary>What a caller does with it.</summary></member>
                <member name="T:A.Empty"><summary>  </summary></member>
                <member name="T:A.RemarksOnly"><remarks>Only remarks.</remarks></member>
                <member name="M:A.Missing.Run"><summary>A method's summary is not its type's.</summary></member>
              </members>
            </doc>
            """;

        Assert.Equal(
            ["T:A.Empty", "T:A.Missing", "T:A.RemarksOnly"],
            MissingSummaries(xml, ["T:A.Documented", "T:A.Empty", "T:A.RemarksOnly", "T:A.Missing"]));
    }

    [Fact]
    public void ANestedGenericTypeIsNamedAsTheCompilerNamesIt() =>
        Assert.Equal("T:System.Collections.Generic.Dictionary`2.Enumerator", DocumentationId(typeof(Dictionary<,>.Enumerator)));

    /// <summary>The name the compiler gives a type in the documentation file: <c>T:</c>, then its full name with dots.</summary>
    internal static string DocumentationId(Type type) => $"T:{type.FullName!.Replace('+', '.')}";

    /// <summary>The ids, in order, that the documentation has no member for or whose member's summary holds no text.</summary>
    internal static string[] MissingSummaries(string documentationXml, IEnumerable<string> ids)
    {
        HashSet<string> summarized = [.. XDocument.Parse(documentationXml).Descendants("member")
            .Where(member => !string.IsNullOrWhiteSpace(member.Element("summary")?.Value))
            .Select(member => (string?)member.Attribute("name") ?? "")];

        return [.. ids.Where(id => !summarized.Contains(id)).Order(StringComparer.Ordinal)];
    }
}
