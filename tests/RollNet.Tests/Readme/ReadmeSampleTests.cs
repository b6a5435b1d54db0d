using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RollNet.Data;
using RollNet.Tests.Data;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Readme;

/// <summary>README.md's "Using the library" sample, compiled as a console program against this build and run.</summary>
public sealed partial class ReadmeSampleTests : IDisposable
{
    // What a console project's ImplicitUsings give the sample.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void TheLibrarySampleCompilesAndRuns()
    {
        CSharpParseOptions parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create("ReadmeSample",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(Sample(), parse, "README.md sample")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();

        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);

        // Warnings too: the sample should be as clean as the code it calls.
        Diagnostic[] problems = [.. emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.True(emitted.Success && problems.Length == 0, string.Join('\n', problems.Select(d => d.ToString())));

        var context = new AssemblyLoadContext("readme sample", isCollectible: true);
        try
        {
            image.Position = 0;
            MethodInfo main = context.LoadFromStream(image).EntryPoint!;
            string song = _directory.File("song.mid");
            main.Invoke(null, [new[] { SharedDatasets.File("jsb_tiny.pickle"), song }]);

            Assert.InRange(MidiRollReader.Read(song).Steps, 1, 16 + 128);
        }
        finally
        {
            context.Unload();
        }
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The first C# block after the README's "Using the library" heading.</summary>
    private static string Sample()
    {
        string readme = File.ReadAllText(Repository.Path("README.md"));
        Match block = SampleBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```csharp block under \"## Using the library\"");
        return block.Groups["code"].Value;
    }

    /// <summary>The framework and every assembly this test runs with, RollNet.Core among them.</summary>
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));

    [GeneratedRegex(@"^## Using the library\n(?:(?!^## ).)*?^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SampleBlock();
}
