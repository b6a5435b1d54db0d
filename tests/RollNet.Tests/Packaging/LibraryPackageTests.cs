using System.IO.Compression;
using System.Xml.Linq;
using RollNet.Tests.Cli;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.Packaging;

/// <summary>Packs the two libraries as a user would and reads the dependencies their .nuspec files declare.</summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class LibraryPackageTests : IDisposable
{
    private const string Version = "0.0.0-local";

    private readonly TempDirectory _directory = new();

    [Fact]
    public void TheCorePackageDependsOnNoGraphicsAndTheRenderingPackageBringsThem()
    {
        string packages = _directory.File("packages"), config = _directory.File("NuGet.config");
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
        foreach (string project in new[] { "RollNet.Core", "RollNet.Rendering" })
        {
            // Built under the temporary folder, so that the checkout's bin and obj stay as they are.
            CliResult pack = ChildProcess.Run("dotnet",
                ["pack", Repository.Path("src", project, project + ".csproj"), "-c", "Release", "-o", packages,
                 "--artifacts-path", _directory.File("artifacts"), "--disable-build-servers", $"-p:Version={Version}",
                 $"-p:RestoreConfigFile={config}"],
                _directory.Path);
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }

        string[] core = Dependencies(Path.Combine(packages, $"RollNet.{Version}.nupkg"));
        Assert.Contains("System.Numerics.Tensors", core);
        Assert.DoesNotContain(core, id => CoreDependencyTests.Graphics.Any(g => id.StartsWith(g, StringComparison.OrdinalIgnoreCase)));

        string[] rendering = Dependencies(Path.Combine(packages, $"RollNet.Rendering.{Version}.nupkg"));
        Assert.Contains("RollNet", rendering);
        Assert.Contains("ScottPlot", rendering);
    }

    public void Dispose() => _directory.Dispose();

    private static string[] Dependencies(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspec.Open();
        return [.. XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)];
    }
}
