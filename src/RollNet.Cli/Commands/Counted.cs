namespace RollNet.Cli.Commands;

/// <summary>A count with its noun, the noun singular for one: "1 step", "3 steps", "1 piece".</summary>
internal static class Counted
{
    public static string Steps(int count) => Of(count, "step");

    public static string Pieces(int count) => Of(count, "piece");

    /// <summary>"1 generated step", "256 generated steps": the last word takes an s but for one.</summary>
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
