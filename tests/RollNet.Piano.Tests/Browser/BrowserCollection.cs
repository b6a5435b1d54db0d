using Xunit;

namespace RollNet.Piano.Tests.Browser;

/// <summary>The browser tests share one server and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
