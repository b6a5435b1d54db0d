using System.Reflection;
using System.Text.RegularExpressions;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// The library's namespaces depend one way: Compute ← Layers ← Heads ← Model ← Inference ← Training and Generation,
/// with Data beside them (using only the counter-based generator of Compute, and IO). Checked twice: no type mentions a type of a namespace it may not use (in
/// its base, interfaces, fields, properties and method signatures), and no source file of a folder imports one.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // What each namespace of RollNet.Core may use besides itself.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["IO"] = [],
        ["Compute"] = [],
        ["Layers"] = ["Compute"],
        ["Heads"] = ["Compute", "Layers"],
        ["Model"] = ["Compute", "Layers", "Heads", "IO"],
        ["Data"] = ["Compute", "IO"],
        ["Audio"] = ["Data", "IO"],
        ["Inference"] = ["Compute", "Layers", "Heads", "Model", "Data"],
        ["Generation"] = ["Compute", "Heads", "Model", "Inference", "Data"],
        ["Training"] = ["Compute", "Layers", "Heads", "Model", "Inference", "Data", "IO"],
        ["Music"] = ["Data"],
        ["Diagnostics"] = ["Compute", "Model", "Inference", "Training", "Generation", "Data"],
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
                .SelectMany(type => Signature(type)
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
            string own = Path.GetFileName(folder);
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                foreach (string line in File.ReadLines(file))
                {
                    Match match = RollNetUsing().Match(line);
                    if (match.Success && match.Groups[1].Value != own && !Allowed[own].Contains(match.Groups[1].Value))
                    {
                        found.Add($"{Path.GetRelativePath(root, file)}: {line.Trim()}");
                    }
                }
            }
        }

        Assert.Empty(found);
    }

    /// <summary>"Model" for "RollNet.Model"; null outside the library's namespaces.</summary>
    private static string? Short(string? name) =>
        name is not null && name.StartsWith("RollNet.", StringComparison.Ordinal) ? name["RollNet.".Length..].Split('.')[0] : null;

    private static bool Forbidden(string own, Type type) =>
        type.HasElementType ? Forbidden(own, type.GetElementType()!)
        : !type.IsGenericParameter
          && ((Short(type.Namespace) is { } used && used != own && !Allowed[own].Contains(used)
               && type.Assembly == typeof(RollModel).Assembly)
              || type.GetGenericArguments().Any(argument => Forbidden(own, argument)));

    private static IEnumerable<(string Member, Type Type)> Signature(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return ("base type", baseType);
        }

        foreach (Type implemented in type.GetInterfaces())
        {
            yield return ("interface", implemented);
        }

        foreach (FieldInfo field in type.GetFields(Declared))
        {
            yield return (field.Name, field.FieldType);
        }

        foreach (PropertyInfo property in type.GetProperties(Declared))
        {
            yield return (property.Name, property.PropertyType);
        }

        foreach (MethodBase method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo { ReturnType: var returned })
            {
                yield return (method.Name, returned);
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                yield return ($"{method.Name}({parameter.Name})", parameter.ParameterType);
            }
        }
    }

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?RollNet\.(\w+)")]
    private static partial Regex RollNetUsing();
}
