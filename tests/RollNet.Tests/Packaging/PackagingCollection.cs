using Xunit;

namespace RollNet.Tests.Packaging;

/// <summary>
/// The tests that run <c>dotnet pack</c> take turns: side by side, two builds of the solution on a small machine
/// outlast <see cref="ChildProcess"/>'s time limit.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection
{
    public const string Name = "Packaging";
}
