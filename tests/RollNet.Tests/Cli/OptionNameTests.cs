using System.CommandLine;
using RollNet.Cli;
using Xunit;

namespace RollNet.Tests.Cli;

/// <summary>No command of <c>rollnet</c> offers two options under one name, which the parser would take for one.</summary>
public sealed class OptionNameTests
{
    [Fact]
    public void EveryCommandNamesEachOptionOnce() => Assert.Empty(Clashes(RollNetCommand.Create()));

    [Fact]
    public void AClashIsSeenInASubcommand()
    {
        var root = new RootCommand { new Command("c") { new Option<bool>("--melody"), new Option<string>("--melody") } };

        Assert.Equal(["c --melody"], Clashes(root));
    }

    private static string[] Clashes(Command root) =>
    [
        .. Commands(root).SelectMany(command => command.Options
            .SelectMany(option => option.Aliases.Append(option.Name))
            .GroupBy(name => name)
            .Where(names => names.Count() > 1)
            .Select(names => $"{command.Name} {names.Key}")),
    ];

    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);
}
