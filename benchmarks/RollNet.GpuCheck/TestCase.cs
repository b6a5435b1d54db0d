using System.Globalization;
using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace RollNet.GpuCheck;

/// <summary>One test as xunit counts it: a fact, or one row of data of a theory, of a test class.</summary>
internal sealed class TestCase
{
    private readonly Type _class;
    private readonly MethodInfo _method;
    private readonly object?[] _arguments;
    private readonly string? _skip;

    private TestCase(Type @class, MethodInfo method, object?[] arguments, string? skip)
    {
        (_class, _method, _arguments, _skip) = (@class, method, arguments, skip);
    }

    /// <summary>The tests of a class, inherited ones included: its facts, and its theories row by row.</summary>
    public static IEnumerable<TestCase> Of(Type @class)
    {
        foreach (MethodInfo method in @class.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<FactAttribute>() is not { } fact)
            {
                continue;
            }

            if (fact is not TheoryAttribute)
            {
                yield return new TestCase(@class, method, [], fact.Skip);
                continue;
            }

            foreach (DataAttribute data in method.GetCustomAttributes<DataAttribute>())
            {
                foreach (object?[] row in data.GetData(method))
                {
                    yield return new TestCase(@class, method, row, fact.Skip ?? data.Skip);
                }
            }
        }
    }

    /// <summary>
    /// Runs the test on a fresh instance of its class, whose constructor gets the fixtures of its parameters' types
    /// from <paramref name="fixtures"/> (made there the first time a class asks for one).
    /// </summary>
    public TestResult Run(Dictionary<Type, object> fixtures)
    {
        if (_skip is not null)
        {
            return new TestResult(TestOutcome.Skipped, _skip);
        }

        try
        {
            ConstructorInfo constructor = _class.GetConstructors().Single();
            object?[] parameters =
            [
                .. constructor.GetParameters().Select(p => Fixture(p.ParameterType, fixtures)),
            ];
            object instance = constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, parameters, culture: null);
            try
            {
                object? returned = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, _arguments,
                    culture: null);
                (returned as Task)?.GetAwaiter().GetResult();
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }

            return new TestResult(TestOutcome.Passed);
        }
        catch (Xunit.SkipException e)
        {
            return new TestResult(TestOutcome.Skipped, e.Message);
        }
        catch (Exception e)
        {
            return new TestResult(TestOutcome.Failed, e.ToString());
        }
    }

    /// <summary>The name xunit shows: the class, the method and, for a theory, its arguments by name.</summary>
    public override string ToString()
    {
        string name = $"{_class.Name}.{_method.Name}";
        if (_arguments.Length == 0)
        {
            return name;
        }

        IEnumerable<string> arguments = _method.GetParameters().Zip(_arguments,
            (parameter, value) => $"{parameter.Name}: {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        return $"{name}({string.Join(", ", arguments)})";
    }

    private static object Fixture(Type type, Dictionary<Type, object> fixtures)
    {
        if (!fixtures.TryGetValue(type, out object? fixture))
        {
            fixture = Activator.CreateInstance(type)
                ?? throw new InvalidOperationException($"{type.Name} could not be made");
            fixtures.Add(type, fixture);
        }

        return fixture;
    }
}
