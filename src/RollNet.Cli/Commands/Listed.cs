using System.Globalization;

namespace RollNet.Cli.Commands;

/// <summary>Items in words, commas between all but the last two: "a, b and c", "a or b".</summary>
internal static class Listed
{
    public static string And<T>(IEnumerable<T> items) => Join(items, "and");

    public static string Or<T>(IEnumerable<T> items) => Join(items, "or");

    private static string Join<T>(IEnumerable<T> items, string last)
    {
        string[] words = [.. items.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture) ?? "")];
        return words.Length < 2 ? string.Concat(words) : $"{string.Join(", ", words[..^1])} {last} {words[^1]}";
    }
}
