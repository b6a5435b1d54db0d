using System.Text.RegularExpressions;
using RollNet.Cli;
using RollNet.Gpu;
using RollNet.Heads;
using RollNet.Model;
using RollNet.Rendering;
using Xunit;

namespace RollNet.Tests.Architecture;

/// <summary>
/// Everything about a kind of output head lives in RollNet.Heads: outside it, nothing of the product names a concrete
/// kind (its options, its head or its activations) — the rest looks heads up through <see cref="HeadOptions"/> and the
/// catalogue — and the page's scripts name none by its name. Uses in method bodies count.
/// </summary>
public sealed class HeadKindTests
{
    private static readonly Type[] Product =
    [
        .. new[] { typeof(RollModel), typeof(IlgpuBackend), typeof(PianoRollImage), typeof(RollNetCommand), typeof(Piano.Server.PianoServer) }
            .SelectMany(anchor => anchor.Assembly.GetTypes()),
    ];

    private static readonly Type[] Kinds =
    [
        .. typeof(HeadOptions).Assembly.GetTypes().Where(type => !type.IsAbstract
            && (type.IsSubclassOf(typeof(HeadOptions)) || type.IsSubclassOf(typeof(OutputHead)) || type.IsSubclassOf(typeof(HeadActivations)))),
    ];

    [Fact]
    public void EveryKindHasItsOptionsItsHeadAndItsActivations() =>
        Assert.Equal(3 * HeadCatalog.All.Count, Kinds.Length);

    [Fact]
    public void NoTypeOutsideTheHeadsNamesAConcreteKind()
    {
        string[] found =
        [
            .. Product.Where(type => type.Namespace is not "RollNet.Heads")
                .SelectMany(type => TypeUses.Of(type)
                    .Where(use => Kinds.Contains(use.Type))
                    .Select(use => $"{type.FullName} {use.Member}: {use.Type}")),
        ];

        Assert.Empty(found);
    }

    [Fact]
    public void NoScriptOfThePageNamesAKind()
    {
        string scripts = Repository.Path("src", "RollNet.Piano", "wwwroot");
        string[] found =
        [
            .. Directory.EnumerateFiles(scripts, "*.*", SearchOption.AllDirectories)
                .Where(file => file.EndsWith(".js", StringComparison.Ordinal) || file.EndsWith(".html", StringComparison.Ordinal))
                .SelectMany(file => HeadCatalog.All.Where(kind => NamesKind(File.ReadAllText(file), kind.Name))
                    .Select(kind => $"{Path.GetFileName(file)}: {kind.Name}")),
        ];

        Assert.Empty(found);
    }

    [Fact]
    public void AKindNamedAsAStringIsFound()
    {
        Assert.True(NamesKind("if (m.head === \"nade\") show();", "nade"));
        Assert.True(NamesKind("const k = 'sigmoid';", "sigmoid"));
        Assert.False(NamesKind("// a NADE head: nade units", "nade"));
    }

    private static bool NamesKind(string text, string name) =>
        Regex.IsMatch(text, $"[\"'`]{Regex.Escape(name)}[\"'`]", RegexOptions.IgnoreCase);
}
