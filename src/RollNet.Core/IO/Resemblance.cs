namespace RollNet.IO;

/// <summary>Which of the names a command or a format knows a mistyped one was probably meant to be.</summary>
internal static class Resemblance
{
    // No name is near this long a slip, and the distance costs the product of the lengths.
    private const int MaxLength = 64;

    /// <summary>
    /// The names nearest to <paramref name="typed"/> by edit distance (a letter added, dropped, changed, or two
    /// neighbours swapped each count one), if they are near enough to be a slip: one edit in a name of up to four
    /// letters, two up to eight, three beyond; failing that, the names it begins or that begin it (--temp for
    /// --temperature). Case is ignored; names of one letter, and a typed name of one letter or of more than 64, resemble
    /// nothing. At most three, in the order given.
    /// </summary>
    public static string[] Closest(string typed, IEnumerable<string> names)
    {
        string bare = Bare(typed);
        if (bare.Length is < 2 or > MaxLength)
        {
            return [];
        }

        // A letter alone (-h) resembles every other letter.
        string[] distinct = [.. names.Where(n => Bare(n).Length > 1).Distinct(StringComparer.Ordinal)];
        int allowed = bare.Length <= 4 ? 1 : bare.Length <= 8 ? 2 : 3;
        (string Name, int Distance)[] near = [.. distinct.Select(n => (n, Distance(bare, Bare(n)))).Where(p => p.Item2 <= allowed)];
        if (near.Length > 0)
        {
            int best = near.Min(p => p.Distance);
            return [.. near.Where(p => p.Distance == best).Select(p => p.Name).Take(3)];
        }

        return bare.Length < 3
            ? []
            : [.. distinct.Where(n => Bare(n).StartsWith(bare, StringComparison.Ordinal) || bare.StartsWith(Bare(n), StringComparison.Ordinal)).Take(3)];
    }

    private static string Bare(string name) => name.TrimStart('-').ToLowerInvariant();

    /// <summary>Optimal string alignment distance: Levenshtein's, with a swap of two neighbouring letters as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
