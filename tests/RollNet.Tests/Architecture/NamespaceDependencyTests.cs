using System.Text.RegularExpressions;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// The library's namespaces depend one way: Compute ← Layers ← Heads ← Model ← Inference ← Training and Generation
/// (which also applies Music's rules of voice leading), with Data beside them (using only the counter-based generator of Compute, and IO), and the CPU backend's kernels
/// (Compute.Cpu) used by nothing above the seam. Checked twice: no type mentions a type of a namespace it may not use (in
/// its base, interfaces, fields, properties, method signatures and method bodies), and no source file of a folder
/// imports one.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private const string CpuNamespace = "RollNet.Compute.Cpu";

    // What each namespace of RollNet.Core may use besides itself.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["IO"] = [],
        ["Compute"] = [],
        ["Compute.Cpu"] = ["Compute"],
        ["Layers"] = ["Compute"],
        ["Heads"] = ["Compute", "Layers"],
        ["Model"] = ["Compute", "Layers", "Heads", "IO"],
        ["Data"] = ["Compute", "IO"],
        ["Audio"] = ["Data", "IO"],
        ["Inference"] = ["Compute", "Layers", "Heads", "Model", "Data"],
        ["Generation"] = ["Compute", "Heads", "Model", "Inference", "Data", "Music"],
        ["Training"] = ["Compute", "Layers", "Heads", "Model", "Inference", "Data", "IO"],
        ["Music"] = ["Data"],
        ["Diagnostics"] = ["Compute", "Heads", "Model", "Inference", "Training", "Generation", "Data"],
    };

    [Fact]
    public void EveryNamespaceOfTheLibraryHasItsPlaceInTheOrder()
    {
        string[] unknown =
        [
            .. typeof(RollModel).Assembly.GetTypes().Select(t => Short(t.Namespace)).OfType<string>().Distinct()
                .Where(n => !Allowed.ContainsKey(n)),
        ];

        Assert.Empty(unknown);
    }

    [Fact]
    public void NoTypeMentionsATypeOfANamespaceAboveOrBesideIt()
    {
        string[] found =
        [
            .. typeof(RollModel).Assembly.GetTypes()
                .Where(type => Short(type.Namespace) is { } own && Allowed.ContainsKey(own))
                .SelectMany(type => TypeUses.Of(type)
                    .Where(use => Forbidden(Short(type.Namespace)!, use.Type))
                    .Select(use => $"{type.FullName} {use.Member}: {use.Type}")),
        ];

        Assert.Empty(found);
    }

    [Fact]
    public void NoSourceFileImportsANamespaceAboveOrBesideIt()
    {
        string root = Repository.Path("src", "RollNet.Core");
        var found = new List<string>();
        foreach (string folder in Directory.EnumerateDirectories(root).Where(d => Allowed.ContainsKey(Path.GetFileName(d))))
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                // A folder's namespace is its path: Compute/Cpu holds RollNet.Compute.Cpu.
                string own = Short("RollNet." + Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.'))!;
                foreach (string line in File.ReadLines(file))
                {
                    Match match = RollNetUsing().Match(line);
                    if (match.Success && Short("RollNet." + match.Groups[1].Value) is { } used && used != own
                        && !Allowed[own].Contains(used))
                    {
                        found.Add($"{Path.GetRelativePath(root, file)}: {line.Trim()}");
                    }
                }
            }
        }

        Assert.Empty(found);
    }

    /// <summary>
    /// "Model" for "RollNet.Model" and for the namespaces inside it, except "Compute.Cpu", which is a namespace of its
    /// own; null outside the library's namespaces.
    /// </summary>
    private static string? Short(string? name) =>
        name is null || !name.StartsWith("RollNet.", StringComparison.Ordinal) ? null
        : name == CpuNamespace || name.StartsWith(CpuNamespace + ".", StringComparison.Ordinal) ? "Compute.Cpu"
        : name["RollNet.".Length..].Split('.')[0];

    private static bool Forbidden(string own, Type type) =>
        type.HasElementType ? Forbidden(own, type.GetElementType()!)
        : !type.IsGenericParameter
          && ((Short(type.Namespace) is { } used && used != own && !Allowed[own].Contains(used)
               && type.Assembly == typeof(RollModel).Assembly)
              || type.GetGenericArguments().Any(argument => Forbidden(own, argument)));

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?RollNet\.([\w.]+)")]
    private static partial Regex RollNetUsing();
}
