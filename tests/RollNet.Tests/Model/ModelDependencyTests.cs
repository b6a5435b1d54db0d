using System.Reflection;
using System.Text.RegularExpressions;
using RollNet.Model;
using Xunit;

namespace RollNet.Tests.Model;

/// <summary>Namespaces depend one way: RollNet.Model builds on Compute and Layers, never on Training or Data.</summary>
public sealed partial class ModelDependencyTests
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoModelTypeMentionsATrainingOrDataType()
    {
        Type[] types = [.. typeof(Checkpoint).Assembly.GetTypes().Where(t => t.Namespace == "RollNet.Model")];
        Assert.NotEmpty(types);

        string[] found =
        [
            .. types.SelectMany(type => Signature(type).Where(use => Mentions(use.Type)).Select(use => $"{type.FullName} {use.Member}: {use.Type}")),
        ];

        Assert.Empty(found);
    }

    [Fact]
    public void NoModelSourceFileUsesTrainingOrData()
    {
        string[] found =
        [
            .. Directory.EnumerateFiles(Repository.Path("src", "RollNet.Core", "Model"), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => File.ReadLines(file).Where(line => ForbiddenUsing().IsMatch(line))
                    .Select(line => $"{Path.GetFileName(file)}: {line}")),
        ];

        Assert.Empty(found);
    }

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

    private static bool Mentions(Type type) =>
        type.HasElementType ? Mentions(type.GetElementType()!)
        : type.IsGenericParameter ? false
        : type.Namespace is "RollNet.Training" or "RollNet.Data" || type.GetGenericArguments().Any(Mentions);

    [GeneratedRegex(@"^\s*using\s+(static\s+)?RollNet\.(Training|Data)\b")]
    private static partial Regex ForbiddenUsing();
}
