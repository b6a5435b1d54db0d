using System.CommandLine;

namespace RollNet.Cli.Commands;

/// <summary>Options that several commands share, made fresh for each (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "Threads to use (default: every core)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.AtLeast(1);

    public static Option<string> Model() => new("--model")
    {
        Description = "A checkpoint written by rollnet train (best.rollnet or last.rollnet)",
        Required = true,
    };
}
