namespace RollNet.Cli.Commands;

/// <summary>A count with its noun, the noun singular for one: "1 piece", "3 pieces".</summary>
internal static class Counted
{
    public static string Pieces(int count) => count == 1 ? "1 piece" : $"{count} pieces";
}
